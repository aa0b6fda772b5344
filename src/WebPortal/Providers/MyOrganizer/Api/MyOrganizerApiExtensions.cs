using Microsoft.Extensions.Options;
using WebPortal.Hosting;
using WebPortal.Integrations.Http;

namespace WebPortal.Providers.MyOrganizer.Api;

public static class MyOrganizerApiExtensions
{
    /// <summary>
    /// Registers what the portal calls at MyOrganizer's API gateway: the agenda on a customer's behalf when MyOrganizer
    /// sign-in is on (<c>AzureAdB2C:ClientId</c>), and the gateway's app tokens when <c>MyOrganizerApi:AppKey</c> is set.
    /// The settings each needs are validated at start-up. App tokens are cached in the cache every instance shares
    /// (<see cref="Scaling.ScalingExtensions.SharedCache"/>: Redis when configured, else this process's memory).
    /// </summary>
    public static IServiceCollection AddMyOrganizerApi(this IServiceCollection services, IConfiguration configuration)
    {
        var agenda = !string.IsNullOrWhiteSpace(configuration[$"{MyOrganizerAuthenticationDefaults.ConfigurationSection}:ClientId"]);
        var appTokens = !string.IsNullOrWhiteSpace(configuration[$"{MyOrganizerApiSettings.Section}:{nameof(MyOrganizerApiSettings.AppKey)}"]);
        if (!agenda && !appTokens)
        {
            return services;
        }

        services.AddOptions<MyOrganizerApiSettings>()
            .BindConfiguration(MyOrganizerApiSettings.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MyOrganizerApiSettings>>(new MyOrganizerApiSettingsValidator(agenda, appTokens));

        if (agenda)
        {
            // The token handler outside the resilience pipeline: a 401's refresh is not cut short by an attempt's
            // timeout, and the call made again after it is retried like the first.
            services.AddHttpClient<MyOrganizerApiClient>((provider, client) => client.BaseAddress = provider.GetRequiredService<IOptions<MyOrganizerApiSettings>>().Value.BaseAddress)
                .AddUserAccessTokenHandler(MyOrganizerAuthenticationDefaults.AuthenticationScheme)
                .AddApiResilience();
        }

        if (appTokens)
        {
            services.AddHttpClient<GatewayAppTokenClient>().AddTokenEndpointResilience();
            services.AddHttpClient(GatewayHealthCheck.HttpClientName).AddApiResilience();
            services.AddHealthChecks().AddCheck<GatewayHealthCheck>("myorganizer-gateway", tags: [HealthTags.Ready]);
        }

        return services;
    }
}

/// <summary>Names the <c>MyOrganizerApi</c> key that is missing or wrong for what is switched on.</summary>
internal sealed class MyOrganizerApiSettingsValidator(bool agenda, bool appTokens) : IValidateOptions<MyOrganizerApiSettings>
{
    public ValidateOptionsResult Validate(string? name, MyOrganizerApiSettings settings)
    {
        const string section = MyOrganizerApiSettings.Section;
        var failures = new List<string>();
        var urls = new List<(string, string)> { (nameof(settings.BaseUrl), settings.BaseUrl) };
        if (agenda && !settings.AppointmentsPath.StartsWith('/'))
        {
            failures.Add($"{section}:AppointmentsPath must start with '/'.");
        }

        if (appTokens)
        {
            if (string.IsNullOrWhiteSpace(settings.AppSecret))
            {
                failures.Add($"{section}:AppSecret is required when {section}:AppKey is set.");
            }

            urls.Add((nameof(settings.TokenEndpoint), settings.TokenEndpoint));
        }

        ConfigurationChecks.RequireHttpUrls(section, urls, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
