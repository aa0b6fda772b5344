using Microsoft.Extensions.Options;

namespace WebPortal.Authentication.Admins;

/// <summary>
/// <c>Portal:Admins</c>: external identities, written <c>Provider:ExternalUserId</c>, whose portal user becomes an admin
/// whenever they sign in. Admins can grant and revoke the role of others in the admin pages.
/// </summary>
public sealed class PortalAdminsSettings
{
    public const string Section = "Portal";

    public List<string> Admins { get; set; } = [];

    /// <summary>Whether the external account is named in <see cref="Admins"/>. Identifiers are compared exactly, as providers issue them.</summary>
    public bool Names(string provider, string externalUserId) =>
        Admins.Exists(entry => Parse(entry) is { } admin && admin.Provider == provider && admin.ExternalUserId == externalUserId);

    internal static (string Provider, string ExternalUserId)? Parse(string entry)
    {
        var separator = entry.IndexOf(':', StringComparison.Ordinal);
        return separator <= 0 || separator == entry.Length - 1
            ? null
            : (entry[..separator].Trim(), entry[(separator + 1)..].Trim());
    }
}

internal sealed class PortalAdminsSettingsValidator(ExternalProviderCatalog providers) : IValidateOptions<PortalAdminsSettings>
{
    public ValidateOptionsResult Validate(string? name, PortalAdminsSettings options)
    {
        var failures = new List<string>();
        for (var index = 0; index < options.Admins.Count; index++)
        {
            var entry = options.Admins[index] ?? "";
            if (PortalAdminsSettings.Parse(entry) is not { } admin)
            {
                failures.Add($"{PortalAdminsSettings.Section}:Admins:{index} must be written Provider:ExternalUserId, e.g. KlasCement:532abc50af2c8.");
            }
            else if (providers.Find(admin.Provider) is null)
            {
                failures.Add($"{PortalAdminsSettings.Section}:Admins:{index} names an unknown provider; use one of {string.Join(", ", providers.All.Select(p => p.Scheme))}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
