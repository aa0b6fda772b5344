using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using static WebPortal.Providers.KlasCement.KlasCementAuthenticationConstants;

namespace WebPortal.Providers.KlasCement;

/// <summary>Options of the KlasCement authentication handler.</summary>
public sealed class KlasCementAuthenticationOptions : OAuthOptions
{
    public KlasCementAuthenticationOptions()
    {
        ClaimsIssuer = KlasCementAuthenticationDefaults.Issuer;
        CallbackPath = KlasCementAuthenticationDefaults.CallbackPath;
        AuthorizationEndpoint = KlasCementAuthenticationDefaults.AuthorizationEndpoint;
        TokenEndpoint = KlasCementAuthenticationDefaults.TokenEndpoint;
        UserInformationEndpoint = KlasCementAuthenticationDefaults.UserInformationEndpoint;

        // The note does not mention PKCE; nothing may depend on KlasCement honouring it.
        UsePkce = false;

        Scope.Add(KlasCementAuthenticationDefaults.DefaultScope);

        ClaimActions.MapJsonKey(ClaimTypes.GivenName, MemberFields.FirstName);
        ClaimActions.MapJsonKey(ClaimTypes.Surname, MemberFields.Surname);
        ClaimActions.MapJsonKey(ClaimTypes.Email, MemberFields.Email);
        ClaimActions.MapCustomJson(ClaimTypes.Name, FullName);
    }

    /// <summary>The endpoint that renews an access token; KlasCement keeps it apart from <see cref="OAuthOptions.TokenEndpoint"/>.</summary>
    public string RefreshTokenEndpoint { get; set; } = KlasCementAuthenticationDefaults.RefreshTokenEndpoint;

    public override void Validate()
    {
        // The scheme's registration runs this as an options validator, before KlasCementOptionsValidator, and its
        // ArgumentException would stop start-up with a stack trace: options that validator refuses are left to it,
        // so that start-up stops with one line naming the configuration key. Either way, the handler never runs.
        if (KlasCementOptionsValidator.Failures(this).Count > 0)
        {
            return;
        }

        base.Validate();
        if (string.IsNullOrEmpty(RefreshTokenEndpoint))
        {
            throw new ArgumentException($"The '{nameof(RefreshTokenEndpoint)}' option must be provided.", nameof(RefreshTokenEndpoint));
        }
    }

    private static string? FullName(JsonElement member)
    {
        var name = KlasCementMemberDocument.FullName(Text(member, MemberFields.FirstName), Text(member, MemberFields.Surname));
        return name.Length == 0 ? null : name;
    }

    private static string? Text(JsonElement member, string field) =>
        member.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
