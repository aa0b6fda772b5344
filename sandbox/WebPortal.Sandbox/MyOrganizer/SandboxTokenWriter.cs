using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WebPortal.Sandbox.MyOrganizer;

/// <summary>
/// Rewrites the JWTs OpenIddict generated: signs them with the stand-in's current key after a key rollover, and
/// spoils identity tokens on demand (<see cref="IdTokenFault"/>). Everything else about the tokens stays OpenIddict's.
/// </summary>
internal static class SandboxTokenWriter
{
    /// <summary>A tenant id that is not the stand-in's.</summary>
    public const string AnotherTenantId = "0d6f3b2a-7c41-4e9d-b8a5-3f2e1c0b9a87";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string Resign(string jwt, RsaSecurityKey key) => Sign(Payload(jwt), key);

    public static string Spoil(string jwt, IdTokenFault fault, RsaSecurityKey key) => fault switch
    {
        IdTokenFault.BadSignature => Sign(Payload(jwt), new RsaSecurityKey(RSA.Create(2048)) { KeyId = key.KeyId }),
        IdTokenFault.UnknownKeyId => Sign(Payload(jwt), new RsaSecurityKey(RSA.Create(2048)) { KeyId = $"unknown-{Guid.NewGuid():N}" }),
        IdTokenFault.AlgNone => $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{Base64UrlEncoder.Encode(Payload(jwt).ToJsonString())}.",
        IdTokenFault.WrongIssuer => Sign(With(Payload(jwt), "iss", "https://login.example.invalid/not-the-tenant/v2.0/"), key),
        IdTokenFault.WrongAudience => Sign(With(Payload(jwt), "aud", "00000000-0000-0000-0000-000000000000"), key),
        IdTokenFault.WrongTenant => Sign(With(Payload(jwt), "tid", AnotherTenantId), key),
        IdTokenFault.MissingSubject => Sign(Without(Payload(jwt), "sub"), key),
        IdTokenFault.NonceMismatch => Sign(With(Payload(jwt), "nonce", "not-the-nonce-the-client-sent"), key),
        IdTokenFault.Expired => Sign(Expired(Payload(jwt)), key),
        _ => jwt,
    };

    /// <summary>Spoils one token of a token answer as <paramref name="fault"/> says; a token the fault does not concern is returned as it is.</summary>
    public static string SpoilAnswer(string jwt, bool isIdentityToken, TokenAnswerFault fault, B2CSandbox sandbox)
    {
        var key = sandbox.SigningKey;
        return (fault, isIdentityToken) switch
        {
            (TokenAnswerFault.IdTokenForAnotherCustomer or TokenAnswerFault.AnotherCustomer, true)
                or (TokenAnswerFault.AccessTokenForAnotherCustomer or TokenAnswerFault.AnotherCustomer, false) => Sign(AnotherCustomer(Payload(jwt), sandbox), key),
            (TokenAnswerFault.IdTokenFromAnotherIssuer, true) => Spoil(jwt, IdTokenFault.WrongIssuer, key),
            (TokenAnswerFault.IdTokenForAnotherAudience, true) => Spoil(jwt, IdTokenFault.WrongAudience, key),
            (TokenAnswerFault.IdTokenWithBadSignature, true) => Spoil(jwt, IdTokenFault.BadSignature, key),
            (TokenAnswerFault.IdTokenForAnotherTenant, true) => Spoil(jwt, IdTokenFault.WrongTenant, key),
            _ => jwt,
        };
    }

    /// <summary>The same token, but for the first other customer of the tenant: their subject, object id, name and e-mail.</summary>
    private static JsonObject AnotherCustomer(JsonObject payload, B2CSandbox sandbox)
    {
        var subject = payload["sub"]?.GetValue<string>();
        var other = sandbox.Options.Customers.First(c => c.ObjectId != subject);
        payload["sub"] = other.ObjectId;
        payload["oid"] = other.ObjectId;
        if (payload.ContainsKey("name"))
        {
            payload["name"] = other.DisplayName;
        }

        if (payload.ContainsKey("emails"))
        {
            payload["emails"] = other.Email;
        }

        return payload;
    }

    private static JsonObject Payload(string jwt)
    {
        var parts = jwt.Split('.');
        return JsonNode.Parse(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])))!.AsObject();
    }

    private static string Sign(JsonObject payload, RsaSecurityKey key) =>
        Handler.CreateToken(payload.ToJsonString(), new SigningCredentials(key, SecurityAlgorithms.RsaSha256));

    private static JsonObject With(JsonObject payload, string name, string value)
    {
        payload[name] = value;
        return payload;
    }

    private static JsonObject Without(JsonObject payload, string name)
    {
        payload.Remove(name);
        return payload;
    }

    /// <summary>Issued two hours ago, expired an hour ago: far beyond any clock skew a client allows.</summary>
    private static JsonObject Expired(JsonObject payload)
    {
        var now = DateTimeOffset.UtcNow;
        payload["iat"] = now.AddHours(-2).ToUnixTimeSeconds();
        payload["nbf"] = now.AddHours(-2).ToUnixTimeSeconds();
        payload["exp"] = now.AddHours(-1).ToUnixTimeSeconds();
        return payload;
    }
}
