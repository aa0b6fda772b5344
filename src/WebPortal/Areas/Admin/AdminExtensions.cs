using WebPortal.Areas.Admin.Accounts;

namespace WebPortal.Areas.Admin;

public static class AdminExtensions
{
    /// <summary>The admin area's services; its pages are controllers under <c>/admin</c>, each behind <see cref="Authentication.Admins.PortalPolicies.Admin"/>.</summary>
    public static WebApplicationBuilder AddPortalAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccountDirectory>();
        return builder;
    }
}
