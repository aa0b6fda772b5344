using Microsoft.AspNetCore.Authentication;

namespace WebPortal.Providers;

/// <summary>
/// One provider the portal offers, in a folder of its own under <c>Providers/</c>: it describes itself and registers
/// its sign-in, options, token refresher and API clients. The portal finds every module at start-up (see
/// <see cref="ProviderModules"/>), so adding a provider changes no shared file.
/// </summary>
public interface IProviderModule
{
    /// <summary>What the start page, the navigation and the account pages show of the provider.</summary>
    ProviderDescriptor Descriptor { get; }

    /// <summary>Why the provider is off with this configuration (its client id is not set, say); null when it is on.</summary>
    string? DisabledBecause(IConfiguration configuration);

    /// <summary>Registers the provider's services: its sign-in scheme only when <see cref="ProviderModuleContext.IsEnabled"/>.</summary>
    void Register(ProviderModuleContext context);
}

/// <param name="Scheme">The authentication scheme, which also names the provider in the database and in URLs.</param>
/// <param name="DisplayName">The provider's name as people know it: "Sign in with {DisplayName}".</param>
/// <param name="LandingPath">Where a sign-in with the provider lands when it was not started from another page.</param>
/// <param name="NavigationLabel">The header's link to <paramref name="LandingPath"/>.</param>
/// <param name="Order">Where the provider stands among the others, smallest first.</param>
public sealed record ProviderDescriptor(string Scheme, string DisplayName, string LandingPath, string NavigationLabel, int Order);

/// <param name="IsEnabled">The provider's configuration switches it on.</param>
public sealed record ProviderModuleContext(WebApplicationBuilder Builder, AuthenticationBuilder Authentication, bool IsEnabled)
{
    public IServiceCollection Services => Builder.Services;

    public IConfiguration Configuration => Builder.Configuration;
}
