namespace WebPortal.Providers.KlasCement;

/// <summary>
/// The section's name under its former name, only for the sandbox wiring in <c>src/WebPortal/Sandbox</c>, which moves
/// to the sandbox project with literal keys; delete it then. The section binds onto <see cref="KlasCementAuthenticationOptions"/>.
/// </summary>
public static class KlasCementSettings
{
    public const string Section = KlasCementAuthenticationDefaults.ConfigurationSection;
}
