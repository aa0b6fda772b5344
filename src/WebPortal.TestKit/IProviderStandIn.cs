namespace WebPortal.TestKit;

/// <summary>
/// A provider's stand-in as the kit's portal runners meet it (<c>PortalFactory</c> in the tests, <see cref="PortalProcess"/>):
/// the configuration that points a portal at it, and what that portal must never write out. Each provider's folder of
/// the kit has one, beside its people and the answer to its sign-in page (an extension of <see cref="SignInScript"/>).
/// </summary>
public interface IProviderStandIn
{
    /// <summary>
    /// The portal configuration keys that point the provider at this stand-in, for a portal that the browser reaches
    /// at <paramref name="portal"/> (a provider may need its callback there, e.g. <c>KlasCement:RedirectUri</c>).
    /// </summary>
    IReadOnlyDictionary<string, string?> PortalSettingsFor(Uri portal);

    /// <summary>Every secret the portal must never write out: what the stand-in issued so far, and the client secrets.</summary>
    IReadOnlyList<string> Secrets { get; }
}
