using Microsoft.Extensions.Options;
using WebPortal.Authentication;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Infrastructure;
using WebPortal.Integrations.Http;
using WebPortal.Tokens;

namespace WebPortal.Providers.KlasCement;

/// <summary>KlasCement in the portal: its sign-in, configuration and start-up validation, token refresh and profile API.</summary>
internal sealed class KlasCementModule : IProviderModule
{
    public ProviderDescriptor Descriptor { get; } = new(
        KlasCementAuthenticationDefaults.AuthenticationScheme,
        KlasCementAuthenticationDefaults.DisplayName,
        LandingPath: "/profile",
        NavigationLabel: "KlasCement profile",
        Order: 1);

    public string? DisabledBecause(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[$"{KlasCementSettings.Section}:{nameof(KlasCementSettings.ClientId)}"])
            ? $"{KlasCementSettings.Section}:ClientId is not set"
            : null;

    public void Register(ProviderModuleContext context)
    {
        if (!context.IsEnabled)
        {
            return;
        }

        const string scheme = KlasCementAuthenticationDefaults.AuthenticationScheme;
        var services = context.Services;
        services.AddOptions<KlasCementSettings>()
            .BindConfiguration(KlasCementSettings.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KlasCementSettings>, KlasCementSettingsValidator>();
        services.AddHttpClient(KlasCementTokenRefresher.HttpClientName).AddTokenEndpointResilience();
        services.AddScoped<IProviderTokenRefresher, KlasCementTokenRefresher>();
        // KlasCement wants the member id in the path and the access token in the query string (its note):
        // /api/users/USER_ID?access_token=…; HttpClient's logging redacts the query.
        services.AddHttpClient<KlasCementApiClient>((provider, client) =>
                client.BaseAddress = new Uri($"{provider.GetRequiredService<IOptionsMonitor<KlasCementAuthenticationOptions>>().Get(scheme).UserInformationEndpoint.TrimEnd('/')}/"))
            .AddUserAccessTokenHandler(scheme, (uri, access) => KlasCementMemberDocument.BuildUserUri(uri.GetLeftPart(UriPartial.Path), access.ProviderUserId, access.AccessToken))
            .AddApiResilience();

        context.Authentication.AddKlasCement(options =>
        {
            options.EventsType = typeof(PortalOAuthEvents);
        });
        services.AddOptions<KlasCementAuthenticationOptions>(scheme)
            .Configure<IOptions<KlasCementSettings>, IHttpClientFactory, IHostEnvironment>((options, settings, clients, environment) =>
            {
                // KlasCement answers with a top-level GET redirect, which a Lax cookie survives; Lax also works over
                // plain http://localhost in the sandbox, where the default SameSite=None cookie would need HTTPS.
                PortalCookies.ForSignIn(options, environment);

                var klasCement = settings.Value;
                options.ClientId = klasCement.ClientId;
                options.ClientSecret = klasCement.ClientSecret;
                options.AuthorizationEndpoint = klasCement.AuthorizationEndpoint;
                options.TokenEndpoint = klasCement.TokenEndpoint;
                options.RefreshTokenEndpoint = klasCement.RefreshTokenEndpoint;
                options.RedirectUri = klasCement.RedirectUri;
                options.UserInformationEndpoint = klasCement.UserInformationEndpoint;
                options.Scope.Clear();
                foreach (var scope in klasCement.Scopes)
                {
                    options.Scope.Add(scope);
                }

                options.Backchannel = clients.CreateClient(KlasCementTokenRefresher.HttpClientName);
            });
    }
}

/// <summary>Names the configuration key that is missing or wrong, so that a broken deployment stops at start-up with one clear line.</summary>
internal sealed class KlasCementSettingsValidator : IValidateOptions<KlasCementSettings>
{
    public ValidateOptionsResult Validate(string? name, KlasCementSettings settings)
    {
        const string section = KlasCementSettings.Section;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(settings.ClientSecret))
        {
            failures.Add($"{section}:ClientSecret is required when {section}:ClientId is set.");
        }

        if (!Uri.TryCreate(settings.RedirectUri, UriKind.Absolute, out var redirectUri) || redirectUri.Scheme is not ("http" or "https"))
        {
            failures.Add($"{section}:RedirectUri is required when {section}:ClientId is set: the callback URL registered with KlasCement, e.g. https://portal.example.org{KlasCementAuthenticationDefaults.CallbackPath}.");
        }

        ConfigurationChecks.RequireHttpUrls(
            section,
            [
                (nameof(KlasCementSettings.AuthorizationEndpoint), settings.AuthorizationEndpoint),
                (nameof(KlasCementSettings.TokenEndpoint), settings.TokenEndpoint),
                (nameof(KlasCementSettings.RefreshTokenEndpoint), settings.RefreshTokenEndpoint),
                (nameof(KlasCementSettings.UserInformationEndpoint), settings.UserInformationEndpoint),
            ],
            failures);

        if (!settings.Scopes.Any())
        {
            failures.Add($"{section}:Scope must name at least one scope.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
