using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace WebPortal.Bench;

/// <summary>
/// A customer's access token for MyOrganizer's API, for the bench's direct calls to the gateway. The portal's own is
/// encrypted in its database, so the bench gets one of its own from the B2C stand-in the way the portal does: the
/// authorization-code flow with PKCE (S256) and the client secret, redirected to <see cref="BenchMyOrganizer.BenchRedirectUri"/>.
/// </summary>
internal static class MyOrganizerAccessToken
{
    public static async Task<string> IssueAsync(MyOrganizerStandIn standIn, string customerId)
    {
        var tenant = standIn.Tenant;
        var redirectUri = BenchMyOrganizer.BenchRedirectUri.ToString();
        var scope = string.Join(' ', ["openid", "offline_access", .. tenant.ApiScopeUris]);
        var state = NewRandom();
        var verifier = NewRandom();
        var authorize = new Uri(QueryHelpers.AddQueryString(standIn.AuthorizationEndpoint.ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = tenant.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        }));

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var callback = QueryHelpers.ParseQuery((await new SignInScript(http, http).AnswerMyOrganizerAsync(authorize, customerId)).Query);
        if (callback["state"] != state || callback["code"].ToString() is not { Length: > 0 } code)
        {
            throw new BenchmarkFailedException("The B2C stand-in sent the bench's sign-in back without a code or with another state.");
        }

        using var response = await http.PostAsync(standIn.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = tenant.ClientId,
            ["client_secret"] = tenant.ClientSecret,
            ["code_verifier"] = verifier,

            // No scope: the code carries the scopes granted at the authorize step, and OpenIddict refuses one here.
        }));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (response.StatusCode != HttpStatusCode.OK)
        {
            // An error answer carries no token: its error and description say what was wrong with the request.
            throw new BenchmarkFailedException(
                $"The B2C stand-in's token endpoint answered {(int)response.StatusCode}: {Text(answer, "error")} {Text(answer, "error_description")}");
        }

        return answer.RootElement.TryGetProperty("access_token", out var token) && token.GetString() is { Length: > 0 } accessToken
            ? accessToken
            : throw new BenchmarkFailedException("The B2C stand-in's token answer has no access token.");
    }

    private static string? Text(JsonDocument json, string name) =>
        json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static string NewRandom() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
}
