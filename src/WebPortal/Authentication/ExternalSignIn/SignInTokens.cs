using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using WebPortal.Tokens;

namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>
/// The provider's tokens on their way from the handler to <see cref="PortalSignInCompletion"/>: kept in the sign-in's
/// <see cref="AuthenticationProperties"/> (as <c>SaveTokens</c> would), with the answer's raw <c>expires_in</c> and
/// <c>scope</c>, which the framework does not keep, so that <see cref="ProviderTokens.Create"/> reads them as for a refresh.
/// The completion step stores them and strips them all before the cookie is written.
/// </summary>
public static class SignInTokens
{
    private const string AccessToken = "access_token";
    private const string RefreshToken = "refresh_token";
    private const string ExpiresIn = "expires_in";
    private const string Scope = "scope";

    /// <summary>Where <see cref="AuthenticationTokenExtensions.StoreTokens"/> keeps each token in the properties' items.</summary>
    private const string TokenItemPrefix = ".Token.";

    public static void Keep(AuthenticationProperties properties, string accessToken, string? refreshToken, string? expiresIn, string? scope)
    {
        List<AuthenticationToken> tokens = [new() { Name = AccessToken, Value = accessToken }];
        foreach (var (name, value) in new[] { (RefreshToken, refreshToken), (ExpiresIn, expiresIn), (Scope, scope) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                tokens.Add(new AuthenticationToken { Name = name, Value = value });
            }
        }

        properties.StoreTokens(tokens);
    }

    /// <summary>Keeps what an OAuth token answer granted; its <c>scope</c> is read as sent, a string or not.</summary>
    public static void Keep(AuthenticationProperties properties, OAuthTokenResponse answer)
    {
        var scope = answer.Response?.RootElement.TryGetProperty(Scope, out var value) == true && value.ValueKind != JsonValueKind.Null
            ? value.ToString()
            : null;
        Keep(properties, answer.AccessToken ?? "", answer.RefreshToken, answer.ExpiresIn, scope);
    }

    /// <exception cref="SignInRefusedException">The handler kept no access token.</exception>
    public static ProviderTokens Read(AuthenticationProperties properties, DateTimeOffset now) =>
        properties.GetTokenValue(AccessToken) is { Length: > 0 } accessToken
            ? ProviderTokens.Create(accessToken, properties.GetTokenValue(RefreshToken), properties.GetTokenValue(ExpiresIn), properties.GetTokenValue(Scope), now)
            : throw new SignInRefusedException(SignInFailureReason.TokenEndpoint, "The provider's token answer has no access token.");

    /// <summary>Removes every token from the properties, also one stored under a name the token list does not name.</summary>
    public static void Strip(AuthenticationProperties properties)
    {
        properties.StoreTokens([]);
        foreach (var key in properties.Items.Keys.Where(key => key.StartsWith(TokenItemPrefix, StringComparison.Ordinal)).ToList())
        {
            properties.Items.Remove(key);
        }
    }
}
