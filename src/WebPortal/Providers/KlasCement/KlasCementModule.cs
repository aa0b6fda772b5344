using System.Security.Claims;
using Microsoft.Extensions.Options;
using WebPortal.Authentication;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Hosting;
using WebPortal.Integrations.Http;
using WebPortal.Tokens;

namespace WebPortal.Providers.KlasCement;

/// <summary>KlasCement in the portal: its sign-in, configuration and start-up validation, token refresh and profile API.</summary>
internal sealed class KlasCementModule : IProviderModule
{
    private const string Section = KlasCementAuthenticationDefaults.ConfigurationSection;

    public ProviderDescriptor Descriptor { get; } = new(
        KlasCementAuthenticationDefaults.AuthenticationScheme,
        KlasCementAuthenticationDefaults.DisplayName,
        LandingPath: "/profile",
        NavigationLabel: "KlasCement profile",
        Order: 1);

    public string? DisabledBecause(IConfiguration configuration) =>
        ProviderModules.OffUntilSet(configuration, $"{Section}:{nameof(KlasCementAuthenticationOptions.ClientId)}");

    public ProviderSignInAddresses SignInAddresses(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptionsMonitor<KlasCementAuthenticationOptions>>().Get(Descriptor.Scheme);
        return new(options.CallbackPath, new Uri(options.AuthorizationEndpoint).GetLeftPart(UriPartial.Authority));
    }

    public void Register(ProviderModuleContext context)
    {
        if (!context.IsEnabled)
        {
            return;
        }

        const string scheme = KlasCementAuthenticationDefaults.AuthenticationScheme;
        var services = context.Services;
        services.AddHttpClient(KlasCementTokenRefresher.HttpClientName).AddTokenEndpointResilience();
        services.AddScoped<IProviderTokenRefresher, KlasCementTokenRefresher>();

        // KlasCement wants the member id in the path and the access token in the query string (its note):
        // /api/users/USER_ID?access_token=…; HttpClient's logging redacts the query.
        services.AddHttpClient<KlasCementApiClient>((provider, client) =>
                client.BaseAddress = new Uri($"{provider.GetRequiredService<IOptionsMonitor<KlasCementAuthenticationOptions>>().Get(scheme).UserInformationEndpoint.TrimEnd('/')}/"))
            .AddUserAccessTokenHandler(scheme, (uri, access) => KlasCementMemberDocument.BuildUserUri(uri.GetLeftPart(UriPartial.Path), access.ProviderUserId, access.AccessToken))
            .AddApiResilience();
        services.AddKeyedSingleton(scheme, new ExternalIdentityClaims(ClaimTypes.NameIdentifier, ClaimTypes.Name, ClaimTypes.Email));

        context.Authentication.AddKlasCement();

        // The section binds straight onto the handler's options, once, and is validated at start-up.
        services.AddOptions<KlasCementAuthenticationOptions>(scheme)
            .BindConfiguration(Section)
            .Configure<IConfiguration, IHttpClientFactory, IHostEnvironment>((options, configuration, clients, environment) =>
            {
                // Scope is one space- or comma-separated string in configuration, a collection in the options.
                if (ConfiguredList.Read(configuration.GetSection($"{Section}:{nameof(options.Scope)}")) is { } scopes)
                {
                    options.Scope.Clear();
                    foreach (var scope in scopes)
                    {
                        options.Scope.Add(scope);
                    }
                }

                // KlasCement answers with a top-level GET redirect, which a Lax cookie survives; Lax also works over
                // plain http://localhost in the sandbox, where the default SameSite=None cookie would need HTTPS.
                PortalCookies.ForSignIn(options, environment);
                options.EventsType = typeof(PortalOAuthEvents);
                options.Backchannel = clients.CreateClient(KlasCementTokenRefresher.HttpClientName);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KlasCementAuthenticationOptions>, KlasCementOptionsValidator>();
    }
}

/// <summary>Names the configuration key that is missing or wrong, so that a broken deployment stops at start-up with one clear line.</summary>
internal sealed class KlasCementOptionsValidator : IValidateOptions<KlasCementAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, KlasCementAuthenticationOptions options)
    {
        if (name != KlasCementAuthenticationDefaults.AuthenticationScheme)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static List<string> Failures(KlasCementAuthenticationOptions options)
    {
        const string section = KlasCementAuthenticationDefaults.ConfigurationSection;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{section}:ClientSecret is required when {section}:ClientId is set.");
        }

        if (!Uri.TryCreate(options.RedirectUri, UriKind.Absolute, out var redirectUri) || redirectUri.Scheme is not ("http" or "https"))
        {
            failures.Add($"{section}:RedirectUri is required when {section}:ClientId is set: the callback URL registered with KlasCement, e.g. https://portal.example.org{KlasCementAuthenticationDefaults.CallbackPath}.");
        }

        ConfigurationChecks.RequireHttpUrls(
            section,
            [
                (nameof(options.AuthorizationEndpoint), options.AuthorizationEndpoint),
                (nameof(options.TokenEndpoint), options.TokenEndpoint),
                (nameof(options.RefreshTokenEndpoint), options.RefreshTokenEndpoint),
                (nameof(options.UserInformationEndpoint), options.UserInformationEndpoint),
            ],
            failures);

        if (options.Scope.Count == 0)
        {
            failures.Add($"{section}:Scope must name at least one scope.");
        }

        return failures;
    }
}
