namespace WebPortal.Authentication;

/// <summary>
/// The external providers this deployment knows, and which of them are switched on. A provider is on when its
/// client id is configured, so that a deployment offers only the providers it has a contract with.
/// </summary>
public sealed class ExternalProviderCatalog
{
    private readonly List<ExternalProvider> _providers = [];

    public IReadOnlyList<ExternalProvider> All => _providers;

    public IEnumerable<ExternalProvider> Enabled => _providers.Where(p => p.IsEnabled);

    public bool IsEnabled(string scheme) => _providers.Exists(p => p.IsEnabled && p.Scheme == scheme);

    public ExternalProvider? Find(string scheme) => _providers.Find(p => p.Scheme == scheme);

    internal void Add(ExternalProvider provider) => _providers.Add(provider);
}

/// <param name="Scheme">The authentication scheme, which also names the provider in the database and in URLs.</param>
/// <param name="DisplayName">The provider's name as people know it: "Sign in with {DisplayName}".</param>
/// <param name="LandingPath">Where a sign-in with the provider lands when it was not started from another page.</param>
/// <param name="NavigationLabel">The header's link to <paramref name="LandingPath"/>.</param>
/// <param name="Order">Where the provider stands among the others, smallest first.</param>
public sealed record ProviderDescriptor(string Scheme, string DisplayName, string LandingPath, string NavigationLabel, int Order);

/// <param name="DisabledBecause">Why the provider is off; null when it is on.</param>
public sealed record ExternalProvider(ProviderDescriptor Descriptor, string? DisabledBecause)
{
    public string Scheme => Descriptor.Scheme;

    public string DisplayName => Descriptor.DisplayName;

    /// <inheritdoc cref="ProviderDescriptor.LandingPath"/>
    public string LandingPath => Descriptor.LandingPath;

    public string NavigationLabel => Descriptor.NavigationLabel;

    public bool IsEnabled => DisabledBecause is null;
}
