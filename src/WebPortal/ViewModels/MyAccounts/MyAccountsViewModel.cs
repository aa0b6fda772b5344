using WebPortal.Authentication;
using WebPortal.Tokens;

namespace WebPortal.ViewModels.MyAccounts;

/// <param name="Notice">The outcome of the action just taken, told after its redirect.</param>
/// <param name="NoticeProvider">The provider that outcome concerns, one the portal knows.</param>
public sealed record MyAccountsViewModel(
    string DisplayName,
    ConnectionsTableModel Table,
    MyAccountsNotice? Notice,
    ExternalProvider? NoticeProvider);

/// <summary>What "My accounts" says after an action; a code in the query string, never text from it.</summary>
public enum MyAccountsNotice
{
    Disconnected,

    /// <summary>The provider is the only way the person can still sign in.</summary>
    DisconnectRefused,

    /// <summary>The provider was not (or no longer) connected.</summary>
    NotConnected,

    /// <summary>The person is the portal's only admin.</summary>
    DeleteRefusedLastAdmin,
}

/// <summary>The table of a person's connections, on the start page and (with its actions) on "My accounts".</summary>
/// <param name="Manage">Offers disconnecting, as "My accounts" does.</param>
public sealed record ConnectionsTableModel(IReadOnlyList<ExternalProvider> Providers, IReadOnlyList<ConnectionSummary> Connections, bool Manage)
{
    /// <summary>The address a sign-in started from the table returns to.</summary>
    public string? ReturnUrl => Manage ? MyAccountsPaths.Index : null;

    public ConnectionSummary? Find(ExternalProvider provider) => Connections.FirstOrDefault(c => c.Provider == provider.Scheme);
}

/// <summary>Confirms disconnecting a provider, or explains why it cannot be.</summary>
/// <param name="OnlyWayToSignIn">No other connection with an enabled provider remains: disconnecting is refused.</param>
public sealed record ConfirmDisconnectViewModel(ExternalProvider Provider, bool OnlyWayToSignIn);

/// <summary>Confirms deleting the account.</summary>
/// <param name="Providers">The connected providers, by name, that deleting removes too.</param>
public sealed record ConfirmDeleteViewModel(string DisplayName, IReadOnlyList<string> Providers);

public static class MyAccountsPaths
{
    public const string Index = "/account";

    public const string Delete = "/account/delete";

    public static string Disconnect(string provider) => $"/account/disconnect/{Uri.EscapeDataString(provider)}";
}
