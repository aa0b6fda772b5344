using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WebPortal.Authentication.ExternalSignIn;
using WebPortal.Integrations.Http;
using WebPortal.Tokens;

namespace WebPortal.Authentication.KlasCement;

/// <summary>Wires KlasCement into the portal: configuration section <c>KlasCement</c>, start-up validation, events and refresh.</summary>
internal static class KlasCementSignInRegistration
{
    public const string Section = "KlasCement";

    /// <summary>The live KlasCement profile.</summary>
    public const string LandingPath = "/profile";

    public static AuthenticationBuilder AddKlasCementSignIn(this AuthenticationBuilder authentication, IConfiguration configuration, ExternalProviderCatalog catalog)
    {
        const string scheme = KlasCementAuthenticationDefaults.AuthenticationScheme;
        var section = configuration.GetSection(Section);
        if (string.IsNullOrWhiteSpace(section["ClientId"]))
        {
            catalog.Add(new ExternalProvider(scheme, KlasCementAuthenticationDefaults.DisplayName, LandingPath, $"{Section}:ClientId is not set"));
            return authentication;
        }

        catalog.Add(new ExternalProvider(scheme, KlasCementAuthenticationDefaults.DisplayName, LandingPath, DisabledBecause: null));

        authentication.AddKlasCement(options =>
        {
            options.ClientId = section["ClientId"]!;
            options.ClientSecret = section["ClientSecret"] ?? "";
            options.AuthorizationEndpoint = section["AuthorizationEndpoint"] ?? KlasCementAuthenticationDefaults.AuthorizationEndpoint;
            options.TokenEndpoint = section["TokenEndpoint"] ?? KlasCementAuthenticationDefaults.TokenEndpoint;
            options.RefreshTokenEndpoint = section["RefreshTokenEndpoint"] ?? KlasCementAuthenticationDefaults.RefreshTokenEndpoint;
            options.UserInformationEndpoint = section["UserInformationEndpoint"] ?? KlasCementAuthenticationDefaults.UserInformationEndpoint;
            if (section["Scope"] is { } scope)
            {
                options.Scope.Clear();
                foreach (var value in scope.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
                {
                    options.Scope.Add(value);
                }
            }

            options.EventsType = typeof(PortalOAuthEvents);

            // KlasCement answers with a top-level GET redirect, which a Lax cookie survives; Lax also works over plain
            // http://localhost in the sandbox, where the default SameSite=None cookie would need HTTPS.
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var services = authentication.Services;
        services.AddTokenEndpointClient(KlasCementTokenRefresher.HttpClientName);
        services.AddOptions<KlasCementAuthenticationOptions>(scheme)
            .Configure<IHttpClientFactory>((options, clients) => options.Backchannel = clients.CreateClient(KlasCementTokenRefresher.HttpClientName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KlasCementAuthenticationOptions>, KlasCementConfigurationValidator>();
        services.AddScoped<IProviderTokenRefresher, KlasCementTokenRefresher>();
        return authentication;
    }
}

/// <summary>Names the configuration key that is missing or wrong, so that a broken deployment stops at start-up with one clear line.</summary>
internal sealed class KlasCementConfigurationValidator : IValidateOptions<KlasCementAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, KlasCementAuthenticationOptions options)
    {
        if (name != KlasCementAuthenticationDefaults.AuthenticationScheme)
        {
            return ValidateOptionsResult.Skip;
        }

        const string section = KlasCementSignInRegistration.Section;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{section}:ClientSecret is required when {section}:ClientId is set.");
        }

        foreach (var (key, value) in new[]
        {
            ("AuthorizationEndpoint", options.AuthorizationEndpoint),
            ("TokenEndpoint", options.TokenEndpoint),
            ("RefreshTokenEndpoint", options.RefreshTokenEndpoint),
            ("UserInformationEndpoint", options.UserInformationEndpoint),
        })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{section}:{key} must be an absolute http(s) URL.");
            }
        }

        if (options.Scope.Count == 0)
        {
            failures.Add($"{section}:Scope must name at least one scope.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
