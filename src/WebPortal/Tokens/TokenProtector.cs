using Microsoft.AspNetCore.DataProtection;

namespace WebPortal.Tokens;

/// <summary>Encrypts provider tokens for the database, with a separate Data Protection purpose per provider and token kind.</summary>
public sealed class TokenProtector(IDataProtectionProvider dataProtection)
{
    private const string Purpose = "WebPortal.Tokens.v1";

    public string Protect(string provider, TokenKind kind, string token) =>
        Protector(provider, kind).Protect(token);

    public string Unprotect(string provider, TokenKind kind, string protectedToken) =>
        Protector(provider, kind).Unprotect(protectedToken);

    private IDataProtector Protector(string provider, TokenKind kind) =>
        dataProtection.CreateProtector(Purpose, provider, kind.ToString());
}

public enum TokenKind
{
    AccessToken,
    RefreshToken,
}
