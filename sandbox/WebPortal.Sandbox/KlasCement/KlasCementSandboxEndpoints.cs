using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WebPortal.Sandbox.KlasCement;

/// <summary>
/// A local KlasCement that speaks the protocol of its integration note (`shared/seeds/klascement-oauth.nl.txt`),
/// including its odd corners: a separate refresh endpoint whose answer has no refresh_token, the member id in the
/// token answer, and the access token in the profile URL's query string.
/// </summary>
public static class KlasCementSandboxEndpoints
{
    public static IServiceCollection AddKlasCementSandbox(this IServiceCollection services, Action<KlasCementSandboxOptions> configure)
    {
        services.Configure(configure);
        services.AddSingleton<KlasCementSandbox>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Maps <c>/oauth/authorize</c>, <c>/oauth/token</c>, <c>/oauth/refreshtoken</c>, <c>/api/users/{id}</c> and the pages' <c>/sandbox.css</c> under <paramref name="prefix"/>.</summary>
    public static RouteGroupBuilder MapKlasCementSandbox(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var group = endpoints.MapGroup(prefix);
        group.MapGet("/oauth/authorize", ShowConsent);
        group.MapPost("/oauth/authorize", Decide);
        group.MapPost("/oauth/token", ExchangeCode);
        group.MapPost("/oauth/refreshtoken", Refresh);
        group.MapGet("/api/users/{id}", GetMember);
        group.MapGet("/sandbox.css", () => Results.Text(SandboxPages.Stylesheet, "text/css; charset=utf-8"));
        return group;
    }

    private static IResult ShowConsent(HttpRequest request, KlasCementSandbox sandbox)
    {
        var query = request.Query;
        if (query["client_id"] != sandbox.Options.ClientId)
        {
            return SandboxPages.Problem("Onbekende client", "The client_id is not registered with this KlasCement sandbox.");
        }

        if (query["response_type"] != "code" || string.IsNullOrEmpty(query["redirect_uri"]))
        {
            return SandboxPages.Problem("Ongeldig verzoek", "response_type=code and a redirect_uri are required.");
        }

        if (string.IsNullOrEmpty(query["state"]))
        {
            return SandboxPages.Problem("STATE ontbreekt", "The state parameter is mandatory (\"verplicht\") at KlasCement.");
        }

        return SandboxPages.Consent(
            sandbox.Options.Members,
            query["client_id"]!,
            query["redirect_uri"]!,
            query["state"]!,
            query["scope"].ToString());
    }

    private static async Task<IResult> Decide(HttpRequest request, KlasCementSandbox sandbox)
    {
        var form = await request.ReadFormAsync();
        var redirectUri = form["redirect_uri"].ToString();
        var state = form["state"].ToString();
        if (form["client_id"] != sandbox.Options.ClientId || redirectUri.Length == 0 || state.Length == 0)
        {
            return SandboxPages.Problem("Ongeldig verzoek", "The consent form was incomplete.");
        }

        if (sandbox.CallbackError is var (error, description))
        {
            return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?>
            {
                ["error"] = error,
                ["error_description"] = description,
                ["error_uri"] = $"https://www.klascement.net/errors?about={Uri.EscapeDataString(description)}",
                ["state"] = state,
            }));
        }

        if (form["decision"] != "allow" || sandbox.FindMember(form["member"].ToString()) is not { } member)
        {
            return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?>
            {
                ["error"] = "access_denied",
                ["error_description"] = "The user denied access to your application",
                ["state"] = state,
            }));
        }

        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?>
        {
            ["code"] = sandbox.IssueCode(member.Id, redirectUri),
            ["state"] = state,
        }));
    }

    private static Task<IResult> ExchangeCode(HttpRequest request, KlasCementSandbox sandbox) =>
        GrantAsync(request, sandbox, TokenEndpointKind.Token, sandbox.TokenEndpoint, "authorization_code", form =>
            sandbox.RedeemCode(form.GetValueOrDefault("code") ?? "") is { } memberId
                ? TokenAnswer(sandbox, memberId, sandbox.IssueRefreshToken(memberId))
                : OAuthError(StatusCodes.Status400BadRequest, "invalid_grant"));

    private static Task<IResult> Refresh(HttpRequest request, KlasCementSandbox sandbox) =>
        GrantAsync(request, sandbox, TokenEndpointKind.Refresh, sandbox.RefreshEndpoint, "refresh_token", form =>
            sandbox.ValidateRefreshToken(form.GetValueOrDefault("refresh_token") ?? "") is { } memberId
                // As in the note: a new access token, and no refresh_token.
                ? TokenAnswer(sandbox, memberId, refreshToken: null)
                : OAuthError(StatusCodes.Status400BadRequest, "invalid_grant"));

    /// <summary>What the token and refresh endpoints share: recording, faults, Basic client authentication, the grant type and the mandatory redirect_uri.</summary>
    private static async Task<IResult> GrantAsync(
        HttpRequest request,
        KlasCementSandbox sandbox,
        TokenEndpointKind kind,
        SandboxBehaviour behaviour,
        string grantType,
        Func<Dictionary<string, string>, IResult> grant)
    {
        var form = await ReadTokenRequestAsync(request, sandbox, kind);
        if (await SimulateFaultAsync(behaviour, sandbox, request, form) is { } fault)
        {
            return fault;
        }

        if (!BasicCredentials.Match(request, sandbox.Options.ClientId, sandbox.Options.ClientSecret))
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client");
        }

        if (form.GetValueOrDefault("grant_type") != grantType || string.IsNullOrEmpty(form.GetValueOrDefault("redirect_uri")))
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request");
        }

        return grant(form);
    }

    private static IResult TokenAnswer(KlasCementSandbox sandbox, string memberId, string? refreshToken)
    {
        var answer = new Dictionary<string, object>
        {
            ["access_token"] = sandbox.IssueAccessToken(memberId),
            ["expires_in"] = (int)sandbox.Options.AccessTokenLifetime.TotalSeconds,
            ["token_type"] = "bearer",
            ["user_id"] = memberId,
            ["scope"] = "name",
        };
        if (refreshToken is not null)
        {
            answer["refresh_token"] = refreshToken;
        }

        sandbox.ReshapeTokenAnswer?.Invoke(answer);
        return Results.Json(answer);
    }

    private static async Task<IResult> GetMember(string id, HttpRequest request, KlasCementSandbox sandbox)
    {
        sandbox.CountProfileRequest();
        if (await SimulateFaultAsync(sandbox.ProfileEndpoint, sandbox, request, form: null) is { } fault)
        {
            return fault;
        }

        if (sandbox.ValidateAccessToken(request.Query["access_token"].ToString()) != id || sandbox.FindMember(id) is not { } member)
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_token");
        }

        return Results.Json(new { content = new { objects = new[] { member.Profile } } });
    }

    private static async Task<Dictionary<string, string>> ReadTokenRequestAsync(HttpRequest request, KlasCementSandbox sandbox, TokenEndpointKind kind)
    {
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync()).ToDictionary(field => field.Key, field => field.Value.ToString())
            : [];
        sandbox.Record(new RecordedTokenRequest(kind, request.Headers.Authorization.ToString(), form));
        return form;
    }

    private static async Task<IResult?> SimulateFaultAsync(SandboxBehaviour behaviour, KlasCementSandbox sandbox, HttpRequest request, Dictionary<string, string>? form)
    {
        switch (behaviour)
        {
            case SandboxBehaviour.Redirect:
                return Results.Redirect(sandbox.RedirectTo, permanent: false, preserveMethod: HttpMethods.IsPost(request.Method));
            case SandboxBehaviour.EchoingError:
                return OAuthError(StatusCodes.Status400BadRequest, "invalid_grant", $"Sandbox: cannot use {Echo(request, form)}");
            case SandboxBehaviour.EchoingErrorCode:
                return OAuthError(StatusCodes.Status400BadRequest, $"invalid_grant {Echo(request, form)}", "Sandbox: the error itself is an echo");
            case SandboxBehaviour.ServerError:
                return Results.Content("<html><body><h1>500 Internal Server Error</h1></body></html>", "text/html", statusCode: StatusCodes.Status500InternalServerError);
            case SandboxBehaviour.MalformedJson:
                return Results.Content("{\"access_token\": \"unterminated", "application/json");
            case SandboxBehaviour.Unauthorized:
                return OAuthError(StatusCodes.Status401Unauthorized, "invalid_token");
            case SandboxBehaviour.InvalidGrant:
                return OAuthError(StatusCodes.Status400BadRequest, "invalid_grant");
            case SandboxBehaviour.Slow:
                await sandbox.SlowAnswers.DelayAsync(sandbox.SlowAnswerDelay, request.HttpContext.RequestAborted);
                return null;
            default:
                return null;
        }
    }

    private static IResult OAuthError(int status, string error, string? description = null) =>
        Results.Json(new { error, error_description = description ?? $"Sandbox: {error}" }, statusCode: status);

    /// <summary>Everything a request carried, the way a careless server quotes it back: form fields, decoded client credentials and query.</summary>
    private static string Echo(HttpRequest request, Dictionary<string, string>? form)
    {
        var parts = (form ?? []).Select(field => $"{field.Key}={field.Value}").ToList();
        if (System.Net.Http.Headers.AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) && header.Parameter is { } parameter)
        {
            try
            {
                parts.Add($"credentials={System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(parameter))}");
            }
            catch (FormatException)
            {
                parts.Add($"authorization={parameter}");
            }
        }

        parts.AddRange(request.Query.Select(field => $"{field.Key}={field.Value}"));
        return string.Join(' ', parts);
    }
}
