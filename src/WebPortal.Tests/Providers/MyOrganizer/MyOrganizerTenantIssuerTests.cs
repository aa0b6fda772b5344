using Microsoft.Extensions.Logging.Abstractions;
using WebPortal.Providers.MyOrganizer;

namespace WebPortal.Tests.Providers.MyOrganizer;

/// <summary>Which issuers count as the configured B2C tenant's: the instance's origin, the tenant's id, then <c>v2.0</c>.</summary>
public sealed class MyOrganizerTenantIssuerTests
{
    private const string Instance = "https://ringphonesso.b2clogin.com/";
    private const string TenantId = "5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18";

    [Theory]
    [InlineData("https://ringphonesso.b2clogin.com/5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18/v2.0/")]
    [InlineData("https://ringphonesso.b2clogin.com/5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18/v2.0")]
    [InlineData("https://RingPhoneSSO.b2clogin.com:443/5C2E7D0A-91B4-4F3E-8A61-0D9B7E4C2F18/v2.0/")]
    public void The_configured_tenants_issuer_on_the_instances_host_is_the_tenants(string issuer)
    {
        Assert.True(Tenant(TenantId).TryGetTenantId(issuer, out var tenantId));
        Assert.Equal(TenantId, tenantId, ignoreCase: true);
    }

    [Theory]
    [InlineData("https://login.example.invalid/5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18/v2.0/")]
    [InlineData("http://ringphonesso.b2clogin.com/5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18/v2.0/")]
    [InlineData("https://ringphonesso.b2clogin.com:8443/5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18/v2.0/")]
    [InlineData("https://ringphonesso.b2clogin.com.example.invalid/5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18/v2.0/")]
    [InlineData("https://user@ringphonesso.b2clogin.com/5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18/v2.0/")]
    [InlineData("https://ringphonesso.b2clogin.com/0d6f3b2a-7c41-4e9d-b8a5-3f2e1c0b9a87/v2.0/")]
    [InlineData("https://ringphonesso.b2clogin.com/ringphonesso.onmicrosoft.com/v2.0/")]
    [InlineData("https://ringphonesso.b2clogin.com/5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18/")]
    [InlineData("https://ringphonesso.b2clogin.com/x/5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18/v2.0/")]
    [InlineData("https://ringphonesso.b2clogin.com/5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18/v2.0/?x=1")]
    [InlineData("https://ringphonesso.b2clogin.com/5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18/v2.0/#x")]
    [InlineData("/5c2e7d0a-91b4-4f3e-8a61-0d9b7e4c2f18/v2.0/")]
    [InlineData("")]
    [InlineData(null)]
    public void Another_origin_another_tenant_or_another_shape_is_not_the_tenants(string? issuer)
    {
        Assert.False(Tenant(TenantId).TryGetTenantId(issuer, out _));
    }

    [Theory]
    [InlineData("https://ringphonesso.b2clogin.com/0d6f3b2a-7c41-4e9d-b8a5-3f2e1c0b9a87/v2.0/", true)]
    [InlineData("https://ringphonesso.b2clogin.com/ringphonesso.onmicrosoft.com/v2.0/", false)]
    [InlineData("https://ringphonesso.b2clogin.com/{0d6f3b2a-7c41-4e9d-b8a5-3f2e1c0b9a87}/v2.0/", false)]
    [InlineData("https://login.example.invalid/0d6f3b2a-7c41-4e9d-b8a5-3f2e1c0b9a87/v2.0/", false)]
    public void Without_a_configured_tenant_id_any_GUID_on_the_instances_host_is_taken_for_it(string issuer, bool accepted)
    {
        Assert.Equal(accepted, Tenant(tenantId: null).TryGetTenantId(issuer, out _));
    }

    [Fact]
    public void The_expected_issuer_names_the_instances_origin_and_the_tenant()
    {
        Assert.Equal($"https://ringphonesso.b2clogin.com/{TenantId}/v2.0/", Tenant(TenantId).Expected);
        Assert.Equal("https://ringphonesso.b2clogin.com/{tenant id}/v2.0/", Tenant(tenantId: null).Expected);
    }

    private static MyOrganizerTenantIssuer Tenant(string? tenantId) => new(Instance, tenantId, NullLogger<MyOrganizerTenantIssuer>.Instance);
}
