using WebPortal.Hosting;

namespace WebPortal.Providers.MyOrganizer;

/// <summary>Configuration section <c>MyOrganizer</c>: what the portal asks MyOrganizer for.</summary>
public sealed class MyOrganizerSettings
{
    public const string Section = "MyOrganizer";

    /// <summary>
    /// The application scopes MyOrganizer granted this integrator, space- or comma-separated (full names, e.g.
    /// <c>https://ringphonesso.onmicrosoft.com/api/appointments.read</c>). <c>offline_access</c> is always added.
    /// </summary>
    public string Scopes { get; set; } = "";

    public IEnumerable<string> ApplicationScopes => ConfiguredList.Split(Scopes);

    /// <summary>Binds the section, with <c>Scopes</c> either one string or a list (<c>MyOrganizer:Scopes:0</c>, <c>:1</c>, …).</summary>
    public static void Bind(MyOrganizerSettings settings, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        section.Bind(settings);
        if (ConfiguredList.Read(section.GetSection(nameof(Scopes))) is { } scopes)
        {
            settings.Scopes = string.Join(' ', scopes);
        }
    }
}
