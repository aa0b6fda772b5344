using WebPortal.Providers.MyOrganizer;
using WebPortal.Providers.MyOrganizer.Api;
using WebPortal.Sandbox.MyOrganizer;

namespace WebPortal.Sandbox;

/// <summary>The portal configuration that points MyOrganizer sign-in, its API and its gateway at a MyOrganizer sandbox host.</summary>
public static class MyOrganizerSandboxSettings
{
    public static IReadOnlyDictionary<string, string?> For(MyOrganizerSandboxHost host)
    {
        var b2c = host.TenantOptions;
        var gateway = host.GatewayOptions;
        return new Dictionary<string, string?>
        {
            [$"{MyOrganizerB2CSettings.Section}:Instance"] = $"{host.BaseUrl}/",
            [$"{MyOrganizerB2CSettings.Section}:Domain"] = b2c.Domain,
            [$"{MyOrganizerB2CSettings.Section}:TenantId"] = b2c.TenantId,
            [$"{MyOrganizerB2CSettings.Section}:ClientId"] = b2c.ClientId,
            [$"{MyOrganizerB2CSettings.Section}:ClientSecret"] = b2c.ClientSecret,
            [$"{MyOrganizerB2CSettings.Section}:SignUpSignInPolicyId"] = b2c.SignUpSignInPolicy,
            [$"{MyOrganizerB2CSettings.Section}:ResetPasswordPolicyId"] = b2c.ResetPasswordPolicy,
            [$"{MyOrganizerB2CSettings.Section}:EditProfilePolicyId"] = b2c.EditProfilePolicy,
            [$"{MyOrganizerSettings.Section}:Scopes"] = string.Join(' ', b2c.ApiScopeUris),
            [$"{MyOrganizerApiSettings.Section}:BaseUrl"] = host.GatewayBaseUrl,
            [$"{MyOrganizerApiSettings.Section}:AppointmentsPath"] = gateway.AppointmentsPath,
            [$"{MyOrganizerApiSettings.Section}:TokenEndpoint"] = $"{host.GatewayBaseUrl}/authorization/token",
            [$"{MyOrganizerApiSettings.Section}:AppKey"] = gateway.AppKey,
            [$"{MyOrganizerApiSettings.Section}:AppSecret"] = gateway.AppSecret,
        };
    }
}
