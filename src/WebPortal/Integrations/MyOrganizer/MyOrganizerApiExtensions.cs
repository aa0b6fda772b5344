using Microsoft.Extensions.Options;
using WebPortal.Infrastructure;
using WebPortal.Integrations.Http;

namespace WebPortal.Integrations.MyOrganizer;

public static class MyOrganizerApiExtensions
{
    /// <summary>
    /// Registers the gateway's app-token client when <c>MyOrganizerApi:AppKey</c> is set; its settings are then
    /// validated at start-up. App tokens are cached through <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>,
    /// in this process's memory unless the deployment registers a shared one.
    /// </summary>
    public static IServiceCollection AddMyOrganizerGateway(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{MyOrganizerApiSettings.Section}:{nameof(MyOrganizerApiSettings.AppKey)}"]))
        {
            return services;
        }

        services.AddOptions<MyOrganizerApiSettings>()
            .BindConfiguration(MyOrganizerApiSettings.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MyOrganizerApiSettings>, MyOrganizerGatewaySettingsValidator>();
        services.AddDistributedMemoryCache();
        services.AddHttpClient<GatewayAppTokenClient>().AddTokenEndpointResilience();
        services.AddHttpClient(GatewayHealthCheck.HttpClientName).AddApiResilience();
        services.AddHealthChecks().AddCheck<GatewayHealthCheck>("myorganizer-gateway", tags: [HealthTags.Ready]);
        return services;
    }
}

internal sealed class MyOrganizerGatewaySettingsValidator : IValidateOptions<MyOrganizerApiSettings>
{
    public ValidateOptionsResult Validate(string? name, MyOrganizerApiSettings settings)
    {
        const string section = MyOrganizerApiSettings.Section;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(settings.AppSecret))
        {
            failures.Add($"{section}:AppSecret is required when {section}:AppKey is set.");
        }

        ConfigurationChecks.RequireHttpUrls(
            section,
            [(nameof(settings.TokenEndpoint), settings.TokenEndpoint), (nameof(settings.BaseUrl), settings.BaseUrl)],
            failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
