using WebPortal.Authentication;

namespace WebPortal.Providers;

public static class ProviderModules
{
    /// <summary>
    /// Every <see cref="IProviderModule"/> of the portal, in their <see cref="ProviderDescriptor.Order"/>. Found by
    /// reflection so that a provider's folder is all a new provider needs: no shared list names them.
    /// </summary>
    public static IReadOnlyList<IProviderModule> All { get; } = typeof(IProviderModule).Assembly.GetTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IProviderModule).IsAssignableFrom(type))
        .Select(type => (IProviderModule)Activator.CreateInstance(type)!)
        .OrderBy(module => module.Descriptor.Order)
        .ToList();

    /// <summary>Registers every provider module and the catalog of which ones this configuration switches on.</summary>
    public static WebApplicationBuilder AddPortalProviders(this WebApplicationBuilder builder)
    {
        var authentication = builder.Services.AddAuthentication();
        var catalog = new ExternalProviderCatalog();
        foreach (var module in All)
        {
            var disabledBecause = module.DisabledBecause(builder.Configuration);
            catalog.Add(new ExternalProvider(module.Descriptor, disabledBecause));
            module.Register(new ProviderModuleContext(builder, authentication, IsEnabled: disabledBecause is null));
        }

        builder.Services.AddSingleton(catalog);
        return builder;
    }

    /// <summary>The sign-in addresses of every provider this configuration switches on.</summary>
    public static IEnumerable<ProviderSignInAddresses> EnabledSignInAddresses(IServiceProvider services)
    {
        var catalog = services.GetRequiredService<ExternalProviderCatalog>();
        return All.Where(module => catalog.IsEnabled(module.Descriptor.Scheme)).Select(module => module.SignInAddresses(services));
    }

    /// <summary>For <see cref="IProviderModule.DisabledBecause"/>: a provider is off until its key (its client id) is set.</summary>
    public static string? OffUntilSet(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? $"{key} is not set" : null;
}
