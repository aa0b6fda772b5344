using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WebPortal.Sessions;

/// <summary>
/// The session cookie's whole value: 256 random bits, base64url (43 characters). The database keeps only its SHA-256
/// hash, so that reading the database does not give anyone a cookie.
/// </summary>
public static class SessionKey
{
    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="value"/> can be a key the portal made: anything else is not looked up.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: Length } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Hash(string key) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(key)));
}
