using System.Diagnostics.CodeAnalysis;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace WebPortal.Providers.MyOrganizer;

/// <summary>
/// The issuer MyOrganizer's B2C tenant must have: <c>{instance origin}/{tenant id}/v2.0/</c>. B2C's issuer differs from
/// the policy authority only in its path, where the tenant's id stands instead of its domain and user flow. With
/// <c>AzureAdB2C:TenantId</c> set, the id must be exactly that one; without it, any GUID is taken as the tenant's id,
/// and tokens must then repeat it in their <c>tid</c> claim.
/// </summary>
public sealed partial class MyOrganizerTenantIssuer
{
    private const string TidClaim = "tid";

    private readonly Uri _instance;
    private readonly string? _tenantId;
    private readonly ILogger _logger;

    /// <param name="instance">The configured B2C instance (<c>AzureAdB2C:Instance</c>); only its origin counts.</param>
    /// <param name="tenantId">The configured tenant id (<c>AzureAdB2C:TenantId</c>), or null or empty when not set.</param>
    /// <param name="logger">Where a refused metadata document is reported, with the keys to check.</param>
    public MyOrganizerTenantIssuer(string instance, string? tenantId, ILogger<MyOrganizerTenantIssuer> logger)
    {
        _instance = new Uri(instance, UriKind.Absolute);
        _tenantId = string.IsNullOrWhiteSpace(tenantId) ? null : tenantId.Trim();
        _logger = logger;
    }

    /// <summary>The issuer expected, for messages: the tenant id stands as <c>{tenant id}</c> when it is not configured.</summary>
    public string Expected => $"{_instance.GetLeftPart(UriPartial.Authority)}/{_tenantId ?? "{tenant id}"}/v2.0/";

    /// <summary>True when <paramref name="issuer"/> is the configured tenant's, with the tenant id it names.</summary>
    public bool TryGetTenantId(string? issuer, [NotNullWhen(true)] out string? tenantId)
    {
        tenantId = null;
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
            || Uri.Compare(uri, _instance, UriComponents.SchemeAndServer | UriComponents.UserInfo, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0)
        {
            return false;
        }

        var segments = uri.AbsolutePath.Split('/');
        var shaped = segments is ["", _, "v2.0"] or ["", _, "v2.0", ""];
        var candidate = shaped ? segments[1] : "";
        var isTenant = _tenantId is null
            ? Guid.TryParseExact(candidate, "D", out _)
            : string.Equals(candidate, _tenantId, StringComparison.OrdinalIgnoreCase);
        tenantId = isTenant ? candidate : null;
        return isTenant;
    }

    /// <summary>
    /// Refuses metadata whose issuer is not the tenant's, so that nobody is sent to sign in at, and no token is
    /// accepted from, an authority that answers for another issuer.
    /// </summary>
    public IConfigurationValidator<OpenIdConnectConfiguration> MetadataValidator => new IssuerCheck(this);

    /// <summary>
    /// The token's issuer must be the one the (already checked) metadata names, and its <c>tid</c> the tenant id in
    /// that issuer. A token without <c>tid</c> is accepted only when the tenant id is configured: the issuer alone
    /// then binds the tenant.
    /// </summary>
    public string ValidateIssuer(string issuer, SecurityToken token, TokenValidationParameters parameters, BaseConfiguration? configuration)
    {
        var expected = configuration?.Issuer ?? parameters.ValidIssuer;
        if (!string.Equals(issuer, expected, StringComparison.Ordinal) || !TryGetTenantId(issuer, out var tenantId))
        {
            throw new SecurityTokenInvalidIssuerException("The token's issuer is not MyOrganizer's B2C tenant.") { InvalidIssuer = issuer };
        }

        var tid = token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>(TidClaim, out var value) ? value : null;
        if (tid is null ? _tenantId is null : !string.Equals(tid, tenantId, StringComparison.OrdinalIgnoreCase))
        {
            throw new SecurityTokenInvalidIssuerException("The token's tid is not the tenant its issuer names.") { InvalidIssuer = issuer };
        }

        return issuer;
    }

    [LoggerMessage(EventId = 1032, Level = LogLevel.Error, Message = "MyOrganizer's B2C metadata was refused: it names {NamedIssuer} where {ExpectedIssuer} was expected. Nobody is sent to sign in there and no token from it is accepted; check " + MyOrganizerAuthenticationDefaults.ConfigurationSection + ":Instance and " + MyOrganizerAuthenticationDefaults.ConfigurationSection + ":TenantId")]
    private static partial void LogMetadataRefused(ILogger logger, string namedIssuer, string expectedIssuer);

    private sealed class IssuerCheck(MyOrganizerTenantIssuer tenant) : IConfigurationValidator<OpenIdConnectConfiguration>
    {
        public ConfigurationValidationResult Validate(OpenIdConnectConfiguration configuration)
        {
            if (tenant.TryGetTenantId(configuration.Issuer, out _))
            {
                return new ConfigurationValidationResult { Succeeded = true };
            }

            // The issuer is the provider's text: only its origin, when it has one, goes into the log.
            var named = Uri.TryCreate(configuration.Issuer, UriKind.Absolute, out var issuer) ? $"an issuer at {issuer.GetLeftPart(UriPartial.Authority)}" : "no usable issuer";
            LogMetadataRefused(tenant._logger, named, tenant.Expected);
            return new ConfigurationValidationResult { Succeeded = false, ErrorMessage = "The metadata names another issuer than the configured B2C tenant's." };
        }
    }
}
