namespace WebPortal.Providers.MyOrganizer;

/// <summary>Default values of MyOrganizer sign-in, from MyOrganizer's integration note.</summary>
public static class MyOrganizerAuthenticationDefaults
{
    public const string AuthenticationScheme = "MyOrganizer";

    public const string DisplayName = "MyOrganizer";

    /// <summary>
    /// The configuration section of MyOrganizer's sign-in, as Microsoft.Identity.Web reads it for a B2C web app; bound
    /// once, onto its <c>MicrosoftIdentityOptions</c> of this scheme.
    /// </summary>
    public const string ConfigurationSection = "AzureAdB2C";

    /// <summary>One callback path per provider, against mix-up attacks.</summary>
    public const string CallbackPath = "/signin-myorganizer";

    public const string Instance = "https://ringphonesso.b2clogin.com/";

    public const string Domain = "ringphonesso.onmicrosoft.com";

    public const string SignUpSignInPolicyId = "B2C_1_MyOrganizer_Login";

    /// <summary>Where a sign-in with MyOrganizer lands: this week's agenda.</summary>
    public const string LandingPath = "/agenda";
}
