using WebPortal.Authentication;
using WebPortal.Sessions;
using WebPortal.Tokens;

namespace WebPortal.ViewModels.MyAccounts;

/// <param name="Notice">The outcome of the action just taken, told after its redirect.</param>
/// <param name="NoticeProvider">The provider that outcome concerns, one the portal knows.</param>
public sealed record MyAccountsViewModel(
    string DisplayName,
    ConnectionsTableModel Table,
    MySessionsModel Sessions,
    MyAccountsNotice? Notice,
    ExternalProvider? NoticeProvider);

/// <summary>"My sessions": every browser signed in to the account, this one first marked as such.</summary>
public sealed record MySessionsModel(IReadOnlyList<SessionSummary> Sessions, Guid? Current, IReadOnlyList<ExternalProvider> Providers)
{
    public bool HasOthers => Sessions.Any(session => session.Id != Current);

    public string ProviderName(string scheme) => Providers.FirstOrDefault(p => p.Scheme == scheme)?.DisplayName ?? scheme;
}

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

    /// <summary>One of the other sessions was ended.</summary>
    SessionEnded,

    /// <summary>The session to end was already gone (ended elsewhere, or timed out).</summary>
    SessionNotFound,

    /// <summary>Every session but this browser's was ended.</summary>
    OtherSessionsEnded,
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

    public const string EndOtherSessions = "/account/sessions/end-others";

    public static string Disconnect(string provider) => $"/account/disconnect/{Uri.EscapeDataString(provider)}";

    public static string EndSession(Guid sessionId) => $"/account/sessions/{sessionId:N}/end";
}
