using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace WebPortal.Sandbox.Gateway;

/// <summary>
/// Validates a customer's access token the way the gateway in front of MyOrganizer's API must: signed by a key the
/// B2C tenant publishes (fetched again when a token names an unknown one), issued by that tenant, for the API's
/// audience, unexpired, and carrying the operation's scope.
/// </summary>
public sealed class B2CBearerTokens
{
    private readonly GatewaySandboxOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _configuration;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public B2CBearerTokens(IOptions<GatewaySandboxOptions> options)
    {
        _options = options.Value;
        if (!string.IsNullOrEmpty(_options.B2CMetadataAddress))
        {
            _configuration = new ConfigurationManager<OpenIdConnectConfiguration>(
                _options.B2CMetadataAddress,
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = false });
        }
    }

    /// <summary>The customer's object id when the token is valid and carries <paramref name="scope"/>; otherwise why not.</summary>
    public async Task<(string? CustomerId, string? Problem)> ValidateAsync(string token, string scope)
    {
        if (_configuration is null)
        {
            return (null, "Invalid access token");
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ConfigurationManager = _configuration,
            ValidAudience = _options.ApiAudience,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        if (!result.IsValid)
        {
            return (null, "Invalid access token");
        }

        var scopes = result.ClaimsIdentity.FindFirst("scp")?.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return scopes.Contains(scope, StringComparer.Ordinal)
            ? (result.ClaimsIdentity.FindFirst("sub")?.Value ?? result.ClaimsIdentity.FindFirst("oid")?.Value, null)
            : (null, "Access to this operation is not in the scope of the provided token");
    }
}
