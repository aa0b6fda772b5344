namespace WebPortal.Providers.MyOrganizer;

/// <summary>
/// Configuration section <c>AzureAdB2C</c>, as Microsoft.Identity.Web reads it for a B2C web app; bound here as well
/// so that start-up validation can name a missing key and the user-flow switches know the policy names.
/// </summary>
public sealed class MyOrganizerB2CSettings
{
    public const string Section = "AzureAdB2C";

    public string Instance { get; set; } = MyOrganizerAuthenticationDefaults.Instance;

    public string Domain { get; set; } = MyOrganizerAuthenticationDefaults.Domain;

    /// <summary>
    /// The tenant's id (a GUID), which B2C's issuer names: <c>{Instance}/{TenantId}/v2.0/</c>. Empty: any GUID there is
    /// taken for it, and tokens must repeat it in <c>tid</c>. Either way the issuer must be on the instance's host.
    /// </summary>
    public string TenantId { get; set; } = "";

    /// <summary>The client id MyOrganizer support issued. Empty switches MyOrganizer sign-in off.</summary>
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string SignUpSignInPolicyId { get; set; } = MyOrganizerAuthenticationDefaults.SignUpSignInPolicyId;

    /// <summary>The user flow a person who "forgot their password" (<c>AADB2C90118</c>) is sent into; empty when the tenant has none.</summary>
    public string ResetPasswordPolicyId { get; set; } = "";

    /// <summary>MyOrganizer's profile-editing user flow. Bound with the section; the portal offers no profile editing yet.</summary>
    public string EditProfilePolicyId { get; set; } = "";

    public string CallbackPath { get; set; } = MyOrganizerAuthenticationDefaults.CallbackPath;
}

/// <summary>Configuration section <c>MyOrganizer</c>: what the portal asks MyOrganizer for.</summary>
public sealed class MyOrganizerSettings
{
    public const string Section = "MyOrganizer";

    /// <summary>
    /// The application scopes MyOrganizer granted this integrator, space- or comma-separated (full names, e.g.
    /// <c>https://ringphonesso.onmicrosoft.com/api/appointments.read</c>). <c>offline_access</c> is always added.
    /// </summary>
    public string Scopes { get; set; } = "";

    public IEnumerable<string> ApplicationScopes => Scopes.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Binds the section, with <c>Scopes</c> either one string or a list (<c>MyOrganizer:Scopes:0</c>, <c>:1</c>, …),
    /// as Microsoft.Identity.Web's own <c>Scopes</c> settings are often written. The binder alone would leave a
    /// string property empty for the list form.
    /// </summary>
    public static void Bind(MyOrganizerSettings settings, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        section.Bind(settings);
        var scopes = section.GetSection(nameof(Scopes));
        // The list form wins over an empty string, which appsettings.json gives as the default.
        if (string.IsNullOrWhiteSpace(scopes.Value) && scopes.GetChildren().Any())
        {
            settings.Scopes = string.Join(' ', scopes.GetChildren().Select(scope => scope.Value).OfType<string>());
        }
    }
}
