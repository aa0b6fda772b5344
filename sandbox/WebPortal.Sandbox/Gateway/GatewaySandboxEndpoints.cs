using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WebPortal.Sandbox.Gateway;

/// <summary>
/// A local API gateway that speaks the token protocol of `shared/seeds/api-gateway-protected-operations.en.txt`, as
/// Fusio implements it: <c>/authorization/token</c> with HTTP Basic app key and secret, <c>client_credentials</c> and
/// <c>refresh_token</c> grants, comma-separated scopes, and 401 <c>invalid_client</c> for wrong credentials.
/// </summary>
public static class GatewaySandboxEndpoints
{
    public static IServiceCollection AddGatewaySandbox(this IServiceCollection services, Action<GatewaySandboxOptions> configure)
    {
        services.Configure(configure);
        services.AddSingleton<GatewaySandbox>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static RouteGroupBuilder MapGatewaySandbox(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var group = endpoints.MapGroup(prefix);
        group.MapPost("/authorization/token", Token);
        group.MapGet("/", About);
        return group;
    }

    /// <summary>A protected operation: it answers only a valid bearer token, as Fusio's private operations do.</summary>
    private static IResult About(HttpRequest request, GatewaySandbox gateway)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null
            || !gateway.IsValidAccessToken(header.Parameter))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"Fusio\"";
            return Results.Json(new { success = false, title = "Unauthorized", message = "Invalid access token" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return Results.Json(new { apiVersion = "sandbox", title = "MyOrganizer API (sandbox)" });
    }

    private static async Task<IResult> Token(HttpRequest request, GatewaySandbox gateway)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        var grantType = form?["grant_type"].ToString() ?? "";
        gateway.RecordGrant(grantType);

        if (!BasicCredentials.Match(request, gateway.Options.AppKey, gateway.Options.AppSecret))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "Invalid app key or secret");
        }

        switch (grantType)
        {
            case "client_credentials":
                break;
            case "refresh_token" when gateway.RedeemRefreshToken(form!["refresh_token"].ToString()):
                break;
            case "refresh_token":
                return Error(StatusCodes.Status400BadRequest, "invalid_grant", "Invalid refresh token");
            default:
                return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Invalid grant type");
        }

        var (accessToken, refreshToken, expiresAt) = gateway.Issue();
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = accessToken,
            ["token_type"] = "bearer",
            ["expires_in"] = gateway.ExpiresIn(expiresAt),
            ["refresh_token"] = refreshToken,
            ["scope"] = gateway.Options.Scopes,
        });
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);
}
