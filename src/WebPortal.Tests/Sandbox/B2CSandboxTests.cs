using System.Net;
using System.Text.Json;
using WebPortal.Sandbox.MyOrganizer;

namespace WebPortal.Tests.Sandbox;

/// <summary>The B2C stand-in looks like B2C where a relying party can tell the difference.</summary>
public sealed class B2CSandboxTests
{
    [Fact]
    public async Task Metadata_at_the_policy_authority_names_the_tenant_issuer_and_the_policy_endpoints_and_offers_no_pushed_authorization()
    {
        await using var myOrganizer = await MyOrganizerSandboxHost.StartAsync(["https://localhost/signin-myorganizer"]);
        using var http = new HttpClient();

        using var metadata = JsonDocument.Parse(await http.GetStringAsync(myOrganizer.MetadataAddress));
        var root = metadata.RootElement;

        var tenant = myOrganizer.B2C.Options;
        var policyRoot = $"{myOrganizer.BaseUrl}/ringphonesso.onmicrosoft.com/b2c_1_myorganizer_login";
        Assert.Equal($"{myOrganizer.BaseUrl}/{tenant.TenantId}/v2.0/", root.GetProperty("issuer").GetString());
        Assert.Equal($"{policyRoot}/oauth2/v2.0/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{policyRoot}/oauth2/v2.0/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{policyRoot}/discovery/v2.0/keys", root.GetProperty("jwks_uri").GetString());
        Assert.False(root.TryGetProperty("pushed_authorization_request_endpoint", out _));
        Assert.False(root.TryGetProperty("require_pushed_authorization_requests", out var required) && required.GetBoolean());
        Assert.Contains("RS256", root.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory]
    [InlineData(MetadataFault.IssuerOnAnotherOrigin, "https://login.example.invalid/{tenant}/v2.0/")]
    [InlineData(MetadataFault.IssuerOfAnotherTenant, "{instance}/0d6f3b2a-7c41-4e9d-b8a5-3f2e1c0b9a87/v2.0/")]
    public async Task A_metadata_fault_names_a_foreign_issuer(MetadataFault fault, string issuer)
    {
        await using var myOrganizer = await MyOrganizerSandboxHost.StartAsync(["https://localhost/signin-myorganizer"]);
        myOrganizer.B2C.MetadataFault = fault;
        using var http = new HttpClient();

        using var metadata = JsonDocument.Parse(await http.GetStringAsync(myOrganizer.MetadataAddress));

        var expected = issuer.Replace("{tenant}", myOrganizer.B2C.Options.TenantId, StringComparison.Ordinal).Replace("{instance}", myOrganizer.BaseUrl, StringComparison.Ordinal);
        Assert.Equal(expected, metadata.RootElement.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task The_key_set_publishes_a_rotated_key_beside_the_first()
    {
        await using var myOrganizer = await MyOrganizerSandboxHost.StartAsync(["https://localhost/signin-myorganizer"]);
        using var http = new HttpClient();
        var first = myOrganizer.B2C.SigningKey.KeyId;

        var rotated = myOrganizer.B2C.RotateSigningKey().KeyId;
        using var keys = JsonDocument.Parse(await http.GetStringAsync($"{myOrganizer.BaseUrl}/ringphonesso.onmicrosoft.com/b2c_1_myorganizer_login/discovery/v2.0/keys"));

        Assert.Equal([first, rotated], keys.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
        Assert.All(keys.RootElement.GetProperty("keys").EnumerateArray(), key => Assert.False(key.TryGetProperty("d", out _)));
        Assert.Equal(1, myOrganizer.B2C.KeySetRequests);
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused()
    {
        await using var myOrganizer = await MyOrganizerSandboxHost.StartAsync(["https://localhost/signin-myorganizer"]);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var options = myOrganizer.B2C.Options;

        using var response = await http.GetAsync(
            $"{myOrganizer.BaseUrl}/ringphonesso.onmicrosoft.com/B2C_1_MyOrganizer_Login/oauth2/v2.0/authorize?client_id={options.ClientId}"
            + "&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fevil.example%2Fcallback&code_challenge=abc&code_challenge_method=S256");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("AADB2C90006", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
