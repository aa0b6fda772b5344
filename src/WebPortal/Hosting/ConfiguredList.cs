namespace WebPortal.Hosting;

/// <summary>
/// A list in configuration, written either as one space- or comma-separated string (<c>Key = "a b"</c>) or as a
/// list (<c>Key:0</c>, <c>Key:1</c>, …), as Microsoft.Identity.Web's own <c>Scopes</c> settings are often written.
/// The configuration binder alone leaves a string empty for the list form and cannot split a string into a collection.
/// </summary>
internal static class ConfiguredList
{
    /// <summary>The section's items; null when the key is not in configuration at all (the default then stands).</summary>
    public static IReadOnlyList<string>? Read(IConfigurationSection section)
    {
        // The list form wins over an empty string, which appsettings.json gives as the default.
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return Split(section.Value);
        }

        var items = section.GetChildren().Select(item => item.Value).OfType<string>().SelectMany(Split).ToList();
        return items.Count > 0 || section.Value is not null ? items : null;
    }

    public static IReadOnlyList<string> Split(string value) =>
        value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
