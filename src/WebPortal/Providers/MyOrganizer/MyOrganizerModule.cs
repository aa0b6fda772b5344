using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using WebPortal.Authentication;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Integrations.Http;
using WebPortal.Providers.MyOrganizer.Api;
using WebPortal.Tokens;

namespace WebPortal.Providers.MyOrganizer;

/// <summary>
/// MyOrganizer in the portal: Microsoft.Identity.Web's OpenID Connect handler against the B2C policy authority,
/// configured from the usual <c>AzureAdB2C</c> section and validated at start-up, with the code flow, PKCE, the client
/// secret at the token endpoint and full id_token validation (tokens go to the portal's store); its token refresh, and
/// the agenda and the gateway's app tokens at its API.
/// </summary>
internal sealed class MyOrganizerModule : IProviderModule
{
    public const string HttpClientName = "MyOrganizer.Backchannel";

    private const string Section = MyOrganizerAuthenticationDefaults.ConfigurationSection;

    public ProviderDescriptor Descriptor { get; } = new(
        MyOrganizerAuthenticationDefaults.AuthenticationScheme,
        MyOrganizerAuthenticationDefaults.DisplayName,
        MyOrganizerAuthenticationDefaults.LandingPath,
        NavigationLabel: "MyOrganizer agenda",
        Order: 2);

    public string? DisabledBecause(IConfiguration configuration) =>
        ProviderModules.OffUntilSet(configuration, $"{Section}:{nameof(MicrosoftIdentityOptions.ClientId)}");

    public ProviderSignInAddresses SignInAddresses(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptionsMonitor<MicrosoftIdentityOptions>>().Get(Descriptor.Scheme);

        // B2C's authorize endpoint is on its instance's host: {Instance}{Domain}/{policy}/oauth2/v2.0/authorize.
        return new(options.CallbackPath, new Uri(options.Instance!).GetLeftPart(UriPartial.Authority));
    }

    public void Register(ProviderModuleContext context)
    {
        // The gateway's app tokens are the portal's own, with a key of their own: they work with sign-in off too.
        context.Services.AddMyOrganizerApi(context.Configuration);
        if (context.IsEnabled)
        {
            AddSignIn(context.Authentication);
        }
    }

    private static void AddSignIn(AuthenticationBuilder authentication)
    {
        const string scheme = MyOrganizerAuthenticationDefaults.AuthenticationScheme;
        var services = authentication.Services;

        // The AzureAdB2C section binds once, onto Microsoft.Identity.Web's options of this scheme, which its handler
        // reads; the portal reads the same options (IOptionsMonitor<MicrosoftIdentityOptions>.Get(scheme)).
        services.AddOptions<MicrosoftIdentityOptions>(scheme)
            .Configure(options =>
            {
                options.Instance = MyOrganizerAuthenticationDefaults.Instance;
                options.Domain = MyOrganizerAuthenticationDefaults.Domain;
                options.SignUpSignInPolicyId = MyOrganizerAuthenticationDefaults.SignUpSignInPolicyId;
                options.CallbackPath = MyOrganizerAuthenticationDefaults.CallbackPath;
            })
            .BindConfiguration(Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MicrosoftIdentityOptions>, MyOrganizerIdentityOptionsValidator>();
        services.AddOptions<MyOrganizerSettings>().Configure<IConfiguration>(MyOrganizerSettings.Bind).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MyOrganizerSettings>, MyOrganizerSettingsValidator>();
        services.AddHttpClient(HttpClientName).AddTokenEndpointResilience();
        services.AddScoped<IProviderTokenRefresher, MyOrganizerTokenRefresher>();
        services.AddSingleton(provider =>
        {
            var b2c = provider.GetRequiredService<IOptionsMonitor<MicrosoftIdentityOptions>>().Get(scheme);
            return new MyOrganizerTenantIssuer(b2c.Instance!, b2c.TenantId, provider.GetRequiredService<ILogger<MyOrganizerTenantIssuer>>());
        });
        services.AddKeyedSingleton(scheme, new ExternalIdentityClaims("sub", "name", "emails", "email"));
        services.AddKeyedSingleton<ISignInFailureHook, MyOrganizerUserFlowFailures>(scheme);

        authentication.AddMicrosoftIdentityWebApp(
            options =>
            {
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;

                // A top-level GET back to the portal, which the Lax correlation and nonce cookies survive, also over
                // plain http://localhost in the sandbox; form_post would need SameSite=None and HTTPS.
                options.ResponseMode = OpenIdConnectResponseMode.Query;

                // The events keep the tokens in the ticket's properties themselves (with the answer's raw expires_in and
                // scope) until the shared completion step stores them encrypted and strips them: never into the
                // cookie. Claims keep their JWT names (sub, emails, tfp).
                options.SaveTokens = false;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
            },
            configureCookieAuthenticationOptions: null,
            openIdConnectScheme: scheme,
            cookieScheme: null,
            subscribeToOpenIdConnectMiddlewareDiagnosticsEvents: false,
            displayName: MyOrganizerAuthenticationDefaults.DisplayName);

        services.AddOptions<OpenIdConnectOptions>(scheme).Configure<IHttpClientFactory, IOptionsMonitor<MicrosoftIdentityOptions>, IOptions<MyOrganizerSettings>, MyOrganizerTenantIssuer, IHostEnvironment>((options, clients, b2c, myOrganizer, tenant, environment) =>
        {
            options.Backchannel = clients.CreateClient(HttpClientName);
            PortalCookies.ForSignIn(options, environment);
            options.NonceCookie.HttpOnly = true;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = PortalCookies.SecurePolicy(environment);
            options.ProtocolValidator.NonceLifetime = PortalCookies.SignInLifetime;

            // Front-channel logout off: the handler would end the portal session (whichever provider started it) on
            // any GET to /signout-oidc whose iss and sid it cannot compare, since the portal keeps neither, so a link
            // on any site could sign people out. MyOrganizer documents no front-channel logout to check one against.
            options.RemoteSignOutPath = PathString.Empty;

            // What the note asks for, and no more: openid for the id_token, offline_access for a refresh token, and
            // the application scopes MyOrganizer granted.
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("offline_access");
            foreach (var scope in myOrganizer.Value.ApplicationScopes)
            {
                options.Scope.Add(scope);
            }

            // HTTPS metadata everywhere but a sandbox on this machine's loopback interface.
            options.RequireHttpsMetadata = !IsLoopbackHttp(b2c.Get(scheme).Instance);

            // A B2C tenant has one fixed issuer, which its policy metadata names and which must be the configured
            // tenant's (the metadata is checked when read, below); tokens must come from it and carry its tid.
            // Microsoft.Identity.Web's multi-tenant AAD issuer validator, which it installs by default, would fetch
            // the metadata again by itself, outside this backchannel and its HTTPS setting.
            options.TokenValidationParameters.IssuerValidator = null;
            options.TokenValidationParameters.IssuerValidatorUsingConfiguration = tenant.ValidateIssuer;
            options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
            MyOrganizerOpenIdConnectEvents.Attach(options.Events);
        });

        // The framework's post-configuration has settled the metadata address and made a configuration manager by
        // then; this one reads the same metadata the same way, but refuses it when its issuer is not the tenant's,
        // before anyone is sent to sign in. The refresher shares it.
        services.AddOptions<OpenIdConnectOptions>(scheme).PostConfigure<MyOrganizerTenantIssuer>((options, tenant) =>
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                options.MetadataAddress,
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(options.Backchannel) { RequireHttps = options.RequireHttpsMetadata },
                tenant.MetadataValidator)
            {
                RefreshInterval = options.RefreshInterval,
                AutomaticRefreshInterval = options.AutomaticRefreshInterval,
            });
    }

    internal static bool IsLoopbackHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address)));
}

/// <summary>
/// Names the <c>AzureAdB2C</c> key that is missing or wrong, so that a broken deployment stops at start-up with one
/// clear line. Microsoft.Identity.Web's own validation of these options runs too; it checks only that keys are present.
/// </summary>
internal sealed class MyOrganizerIdentityOptionsValidator : IValidateOptions<MicrosoftIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, MicrosoftIdentityOptions options)
    {
        if (name != MyOrganizerAuthenticationDefaults.AuthenticationScheme)
        {
            return ValidateOptionsResult.Skip;
        }

        const string section = MyOrganizerAuthenticationDefaults.ConfigurationSection;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{section}:ClientSecret is required when {section}:ClientId is set.");
        }

        if (!Uri.TryCreate(options.Instance, UriKind.Absolute, out var instance)
            || !(instance.Scheme == Uri.UriSchemeHttps || MyOrganizerModule.IsLoopbackHttp(options.Instance)))
        {
            failures.Add($"{section}:Instance must be an absolute https URL (http only on this machine's loopback interface).");
        }

        foreach (var (key, value) in new[] { (nameof(options.Domain), options.Domain), (nameof(options.SignUpSignInPolicyId), options.SignUpSignInPolicyId) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Contains('/', StringComparison.Ordinal))
            {
                failures.Add($"{section}:{key} is required and must not contain '/'.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.TenantId) && !Guid.TryParseExact(options.TenantId.Trim(), "D", out _))
        {
            failures.Add($"{section}:TenantId must be the tenant's id (a GUID such as 5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18), which B2C names in its issuer, or be left empty.");
        }

        // The binder itself refuses a value that does not start with '/' (PathString), naming the key.
        if (!options.CallbackPath.HasValue)
        {
            failures.Add($"{section}:CallbackPath must start with '/'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class MyOrganizerSettingsValidator : IValidateOptions<MyOrganizerSettings>
{
    public ValidateOptionsResult Validate(string? name, MyOrganizerSettings settings) =>
        settings.ApplicationScopes.Any()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{MyOrganizerSettings.Section}:Scopes must name the application scopes MyOrganizer granted (offline_access is added by the portal).");
}
