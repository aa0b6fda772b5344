using WebPortal.Sandbox.MyOrganizer;

namespace WebPortal.Sandbox;

/// <summary>
/// The portal configuration that points MyOrganizer sign-in, its API and its gateway at a MyOrganizer sandbox host:
/// for Development (<see cref="MyOrganizerSandboxModule"/>), the tests and the benchmark.
/// </summary>
public static class MyOrganizerSandboxSettings
{
    public static IReadOnlyDictionary<string, string?> For(MyOrganizerSandboxHost host)
    {
        var b2c = host.TenantOptions;
        var gateway = host.GatewayOptions;
        return new Dictionary<string, string?>
        {
            ["AzureAdB2C:Instance"] = $"{host.BaseUrl}/",
            ["AzureAdB2C:Domain"] = b2c.Domain,
            ["AzureAdB2C:TenantId"] = b2c.TenantId,
            ["AzureAdB2C:ClientId"] = b2c.ClientId,
            ["AzureAdB2C:ClientSecret"] = b2c.ClientSecret,
            ["AzureAdB2C:SignUpSignInPolicyId"] = b2c.SignUpSignInPolicy,
            ["AzureAdB2C:ResetPasswordPolicyId"] = b2c.ResetPasswordPolicy,
            ["AzureAdB2C:EditProfilePolicyId"] = b2c.EditProfilePolicy,
            ["MyOrganizer:Scopes"] = string.Join(' ', b2c.ApiScopeUris),
            ["MyOrganizerApi:BaseUrl"] = host.GatewayBaseUrl,
            ["MyOrganizerApi:AppointmentsPath"] = gateway.AppointmentsPath,
            ["MyOrganizerApi:TokenEndpoint"] = $"{host.GatewayBaseUrl}/authorization/token",
            ["MyOrganizerApi:AppKey"] = gateway.AppKey,
            ["MyOrganizerApi:AppSecret"] = gateway.AppSecret,
        };
    }
}
