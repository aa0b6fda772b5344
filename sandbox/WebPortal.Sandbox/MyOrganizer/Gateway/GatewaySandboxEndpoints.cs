using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WebPortal.Sandbox.Gateway;

/// <summary>
/// A local API gateway that speaks the protocol of `shared/seeds/api-gateway-protected-operations.en.txt`, as Fusio
/// implements it: <c>/authorization/token</c> with HTTP Basic app key and secret, <c>client_credentials</c> and
/// <c>refresh_token</c> grants, comma-separated scopes, 401 <c>invalid_client</c> for wrong credentials, and
/// <c>/consumer/login</c>; behind it, MyOrganizer's appointments operation for customers' B2C access tokens.
/// </summary>
public static class GatewaySandboxEndpoints
{
    public static IServiceCollection AddGatewaySandbox(this IServiceCollection services, Action<GatewaySandboxOptions> configure)
    {
        services.Configure(configure);
        services.AddSingleton<GatewaySandbox>();
        services.AddSingleton<B2CBearerTokens>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static RouteGroupBuilder MapGatewaySandbox(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var group = endpoints.MapGroup(prefix);
        var options = endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewaySandboxOptions>>().Value;
        group.MapPost("/authorization/token", Token);
        group.MapPost("/consumer/login", ConsumerLogin);
        group.MapPut("/consumer/login", ConsumerRefresh);
        group.MapGet("/", About);
        group.MapGet(options.AppointmentsPath, AppointmentsAsync);
        return group;
    }

    /// <summary>A protected operation for app tokens: it answers only a valid bearer token, as Fusio's private operations do.</summary>
    private static IResult About(HttpRequest request, GatewaySandbox gateway) =>
        BearerToken(request) is { } token && gateway.IsValidAccessToken(token)
            ? Results.Json(new { apiVersion = "sandbox", title = "MyOrganizer API (sandbox)" })
            : Unauthorized(request, "Invalid access token");

    /// <summary>
    /// <c>GET {AppointmentsPath}?from=YYYY-MM-DD&amp;to=YYYY-MM-DD[&amp;startIndex=&amp;count=]</c>: the agenda of the
    /// customer the token was issued to, as a JSON array or as a gateway collection page.
    /// </summary>
    private static async Task<IResult> AppointmentsAsync(HttpRequest request, GatewaySandbox gateway, B2CBearerTokens bearerTokens)
    {
        var token = BearerToken(request);
        if (token is null || gateway.IsRevoked(token))
        {
            return Unauthorized(request, token is null ? "Missing authorization header" : "Invalid access token");
        }

        var (customerId, problem) = await bearerTokens.ValidateAsync(token, gateway.Options.AppointmentsScope);
        if (customerId is null)
        {
            return Unauthorized(request, problem!);
        }

        var query = request.Query;
        var startIndex = int.TryParse(query["startIndex"], CultureInfo.InvariantCulture, out var index) ? Math.Max(0, index) : 0;
        gateway.RecordAppointmentsRequest(new AppointmentsRequest(customerId, query["from"], query["to"], startIndex));

        switch (gateway.AppointmentsBehaviour)
        {
            case AppointmentsBehaviour.Forbidden:
                return Results.Json(new { success = false, title = "Forbidden", message = "This app may not read appointments" }, statusCode: StatusCodes.Status403Forbidden);
            case AppointmentsBehaviour.ServerError:
                return Results.Content("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", statusCode: StatusCodes.Status502BadGateway);
            case AppointmentsBehaviour.MalformedJson:
                return Results.Content("""{"totalResults": 3, "entry": [{"id": "x", "start": """, "application/json");
            case AppointmentsBehaviour.Redirect:
                return Results.Redirect(gateway.RedirectTo);
            case AppointmentsBehaviour.Slow:
                await Task.Delay(gateway.SlowAnswerDelay, request.HttpContext.RequestAborted);
                break;
        }

        if (!DateOnly.TryParseExact(query["from"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(query["to"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            || to < from || to.DayNumber - from.DayNumber > 62)
        {
            return Results.Json(new { success = false, title = "Bad Request", message = "from and to must be dates (YYYY-MM-DD), at most 62 days apart" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var appointments = gateway.Options.CustomersWithAppointments.Contains(customerId)
            ? SandboxAgenda.For(customerId, $"Praktijk {customerId[..4].ToUpperInvariant()}", from, to)
            : [];
        if (gateway.AppointmentsShape == AppointmentsShape.Array)
        {
            return Results.Json(appointments);
        }

        var pageSize = int.TryParse(query["count"], CultureInfo.InvariantCulture, out var count) && count > 0
            ? Math.Min(count, gateway.Options.ItemsPerPage)
            : gateway.Options.ItemsPerPage;
        return Results.Json(new
        {
            totalResults = appointments.Count,
            startIndex,
            itemsPerPage = pageSize,
            entry = appointments.Skip(startIndex).Take(pageSize),
        });
    }

    private static async Task<IResult> Token(HttpRequest request, GatewaySandbox gateway)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        var grantType = form?["grant_type"].ToString() ?? "";
        gateway.RecordGrant(grantType);
        switch (gateway.TokenBehaviour)
        {
            case GatewayTokenBehaviour.Redirect:
                return Results.Redirect(gateway.RedirectTo, permanent: false, preserveMethod: true);
            case GatewayTokenBehaviour.EchoingError:
                return Error(StatusCodes.Status400BadRequest, "invalid_grant", $"Cannot use {Echo(request, form)}");
            case GatewayTokenBehaviour.EchoingErrorCode:
                return Error(StatusCodes.Status400BadRequest, $"invalid_grant {Echo(request, form)}", "The error itself is an echo");
        }

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

    /// <summary>Fusio's <c>POST /consumer/login</c>: a person's own name and password for a token under the key <c>token</c>.</summary>
    private static async Task<IResult> ConsumerLogin(HttpRequest request, GatewaySandbox gateway)
    {
        var credentials = await ReadJsonAsync(request);
        var options = gateway.Options;
        return options.ConsumerPassword.Length > 0
            && Text(credentials, "username") == options.ConsumerUsername
            && Text(credentials, "password") == options.ConsumerPassword
                ? ConsumerToken(gateway)
                : Results.Json(new { success = false, title = "Bad Request", message = "Invalid name or password" }, statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>Fusio's <c>PUT /consumer/login</c>: a refresh token for a new token.</summary>
    private static async Task<IResult> ConsumerRefresh(HttpRequest request, GatewaySandbox gateway) =>
        Text(await ReadJsonAsync(request), "refresh_token") is { } refreshToken && gateway.RedeemRefreshToken(refreshToken)
            ? ConsumerToken(gateway)
            : Results.Json(new { success = false, title = "Bad Request", message = "Invalid refresh token" }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult ConsumerToken(GatewaySandbox gateway)
    {
        var (accessToken, refreshToken, expiresAt) = gateway.Issue();
        return Results.Json(new Dictionary<string, object>
        {
            ["token"] = accessToken,
            ["expires_in"] = gateway.ExpiresIn(expiresAt),
            ["refresh_token"] = refreshToken,
            ["scope"] = gateway.Options.Scopes,
        });
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? BearerToken(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
        && header.Parameter is { Length: > 0 } token
            ? token
            : null;

    /// <summary>Fusio's answer to a protected operation called without a valid token.</summary>
    private static IResult Unauthorized(HttpRequest request, string message)
    {
        request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"Fusio\"";
        return Results.Json(new { success = false, title = "Unauthorized", message }, statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>Everything a token request carried, the way a careless server quotes it back: form fields and the decoded app credentials.</summary>
    private static string Echo(HttpRequest request, IFormCollection? form)
    {
        var parts = (form ?? FormCollection.Empty).Select(field => $"{field.Key}={field.Value}").ToList();
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) && header.Parameter is { } parameter)
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

        return string.Join(' ', parts);
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);
}
