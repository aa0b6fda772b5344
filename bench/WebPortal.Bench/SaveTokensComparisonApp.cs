using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WebPortal.Providers.KlasCement;

namespace WebPortal.Bench;

/// <summary>
/// The textbook alternative to the portal's token store: the same KlasCement handler with <c>SaveTokens = true</c>,
/// which keeps the tokens in the authentication cookie. Only here so its cookie can be weighed against the portal's.
/// </summary>
internal sealed class SaveTokensComparisonApp : IAsyncDisposable
{
    public static readonly string CookieName = CookieAuthenticationDefaults.CookiePrefix + CookieAuthenticationDefaults.AuthenticationScheme;

    private readonly WebApplication _app;

    private SaveTokensComparisonApp(WebApplication app)
    {
        _app = app;
        var baseUrl = new Uri(app.Urls.First());
        SignInUri = new Uri(baseUrl, "/signin");
    }

    /// <summary>Challenges KlasCement, then lands on <c>/me</c>, which shows the signed-in member's name.</summary>
    public Uri SignInUri { get; }

    public static async Task<SaveTokensComparisonApp> StartAsync(KlasCementStandIn standIn) =>
        new(await LoopbackServer.StartAsync(
            services =>
            {
                services.AddDataProtection().UseEphemeralDataProtectionProvider();
                services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                    .AddCookie()
                    .AddKlasCement(options =>
                    {
                        options.SaveTokens = true;
                        options.ClientId = KlasCementStandIn.ClientId;
                        options.ClientSecret = standIn.ClientSecret;
                        options.AuthorizationEndpoint = standIn.AuthorizationEndpoint.ToString();
                        options.TokenEndpoint = standIn.TokenEndpoint.ToString();
                        options.RefreshTokenEndpoint = standIn.RefreshTokenEndpoint.ToString();
                        options.UserInformationEndpoint = standIn.UserInformationEndpoint.ToString();
                        // As in the portal: the default SameSite=None correlation cookie would need HTTPS.
                        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    });
                services.AddAuthorization();
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/signin", () => Results.Challenge(
                    new AuthenticationProperties { RedirectUri = "/me" },
                    [KlasCementAuthenticationDefaults.AuthenticationScheme]));
                app.MapGet("/me", (ClaimsPrincipal user) => Results.Text($"Signed in as {user.Identity?.Name}"))
                    .RequireAuthorization();
            }));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
