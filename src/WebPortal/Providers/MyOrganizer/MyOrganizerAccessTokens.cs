using Microsoft.IdentityModel.JsonWebTokens;

namespace WebPortal.Providers.MyOrganizer;

/// <summary>What a MyOrganizer access token says about whom it is for, read without trusting it.</summary>
internal static class MyOrganizerAccessTokens
{
    private static readonly JsonWebTokenHandler Reader = new();

    /// <summary>
    /// The subject (<c>sub</c>, else <c>oid</c>) a signed JWT access token names; null when the token is opaque,
    /// encrypted or names nobody. Not validated: the API validates it, the portal only checks whose it claims to be.
    /// </summary>
    public static string? SubjectOf(string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken) || !Reader.CanReadToken(accessToken))
        {
            return null;
        }

        JsonWebToken token;
        try
        {
            token = Reader.ReadJsonWebToken(accessToken);
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (token.IsEncrypted)
        {
            return null;
        }

        return token.TryGetPayloadValue<string>("sub", out var subject) ? subject
            : token.TryGetPayloadValue<string>("oid", out var objectId) ? objectId
            : null;
    }
}
