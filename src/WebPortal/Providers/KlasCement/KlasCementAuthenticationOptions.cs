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

    /// <summary>
    /// The callback URL registered with KlasCement (<c>https://portal.example.org/signin-klascement</c>), absolute. A
    /// refresh must send a <c>redirect_uri</c> ("not used, but mandatory", the note); this one needs no current request,
    /// so that a refresh can run from a background job.
    /// </summary>
    public string RedirectUri { get; set; } = "";

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

        if (!Uri.TryCreate(RedirectUri, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"The '{nameof(RedirectUri)}' option must be an absolute URL.", nameof(RedirectUri));
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
