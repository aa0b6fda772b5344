using Microsoft.Extensions.Localization;
using WebPortal.Areas.Admin.Accounts;
using WebPortal.Authentication;
using WebPortal.Localization;

namespace WebPortal.Areas.Admin.ViewModels.Accounts;

/// <param name="IsSelf">The account is the signed-in admin's own.</param>
/// <param name="ActiveSessions">How many browsers are signed in to the account.</param>
public sealed record AccountDetailsViewModel(AccountWithConnections Account, IReadOnlyList<ExternalProvider> Providers, bool IsSelf, int ActiveSessions, OutcomeMessage? Outcome)
{
    public AccountUser User => Account.User;

    public string Path => AccountPaths.Details(User.Id);

    /// <summary>The audit log filtered to this user.</summary>
    public string AuditPath => $"/admin/audit?user={User.Id:D}";

    public string ProviderName(string scheme) => Providers.FirstOrDefault(p => p.Scheme == scheme)?.DisplayName ?? scheme;

    /// <summary>Whether the portal can refresh this provider's tokens: it is switched on in the configuration.</summary>
    public bool CanRefresh(string scheme) => Providers.Any(p => p.Scheme == scheme && p.IsEnabled);
}

/// <summary>The admin actions on an account; each is confirmed on a page of its own before it is posted.</summary>
public enum AccountAction
{
    Refresh,
    Unlink,
    GrantAdmin,
    RevokeAdmin,
    Delete,
    EndSessions,
}

/// <summary>Where the admin pages of one account are: a GET of an action's path asks to confirm it, a POST does it.</summary>
public static class AccountPaths
{
    public static string Details(Guid userId) => $"/admin/accounts/{userId:D}";

    public static string Of(Guid userId, AccountAction action) => $"{Details(userId)}/{Segment(action)}";

    /// <summary>The confirmation page of an action on one connection.</summary>
    public static string Of(Guid userId, AccountAction action, string provider) =>
        $"{Of(userId, action)}?provider={Uri.EscapeDataString(provider)}";

    public static string Segment(AccountAction action) => action switch
    {
        AccountAction.Refresh => "refresh",
        AccountAction.Unlink => "unlink",
        AccountAction.GrantAdmin => "grant-admin",
        AccountAction.RevokeAdmin => "revoke-admin",
        AccountAction.Delete => "delete",
        AccountAction.EndSessions => "end-sessions",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}

/// <summary>"Are you sure …?" for one action, with the form that does it.</summary>
/// <param name="Connection">The connection the action is about (refresh, unlink); null for the others.</param>
public sealed record ConfirmActionViewModel(AccountUser User, AccountAction Action, AccountConnection? Connection, string? ProviderName, bool IsSelf)
{
    public string PostPath => AccountPaths.Of(User.Id, Action);

    public string CancelPath => AccountPaths.Details(User.Id);

    public string Title(IStringLocalizer<Text> text) => Action switch
    {
        AccountAction.Refresh => text["Refresh the {0} access token?", ProviderName!],
        AccountAction.Unlink => text["Unlink the {0} account?", ProviderName!],
        AccountAction.GrantAdmin => text["Grant the admin role?"],
        AccountAction.RevokeAdmin => IsSelf ? text["Revoke your own admin role?"] : text["Revoke the admin role?"],
        AccountAction.Delete => IsSelf ? text["Delete your own account?"] : text["Delete this account?"],
        AccountAction.EndSessions => IsSelf ? text["End your other sessions?"] : text["End every session of this user?"],
        _ => throw new InvalidOperationException(),
    };

    /// <summary>What the action will do, said before the admin confirms it.</summary>
    public string Consequence(IStringLocalizer<Text> text) => Action switch
    {
        AccountAction.Refresh => text["The portal asks {0} for a new access token now, with the stored refresh token, whatever the current token's expiry. If {0} refuses, the connection will need a reconnect by the person.", ProviderName!],
        AccountAction.Unlink => text["The {0} account and its tokens are removed from this portal user. The person can link it again by signing in with {0}; if it was their only linked account, that sign-in creates a new portal account.", ProviderName!],
        AccountAction.GrantAdmin => text["They will see every linked account and can act on it, grant and revoke the admin role, and delete accounts, from their next page on."],
        AccountAction.RevokeAdmin => IsSelf
            ? text["You lose access to the admin pages at once. Refused if you are the only admin."]
            : text["They lose access to the admin pages at their next request. Refused if they are the only admin. Note that Portal:Admins grants the role again when a listed account signs in."],
        AccountAction.Delete => IsSelf
            ? text["Your portal account is deleted with every linked account and token, and you are signed out. Refused if you are the only admin. The audit log keeps its entries."]
            : text["The portal account is deleted with every linked account and token. Refused if it is the only admin. The audit log keeps its entries, showing the user as deleted."],
        AccountAction.EndSessions => IsSelf
            ? text["Every browser signed in to your account but this one is signed out at its next request."]
            : text["Every browser signed in to this account is signed out at its next request. The person can sign in again; to keep them out, delete the account or unlink their accounts."],
        _ => throw new InvalidOperationException(),
    };

    public string ButtonLabel(IStringLocalizer<Text> text) => Action switch
    {
        AccountAction.Refresh => text["Refresh now"],
        AccountAction.Unlink => text["Unlink {0}", ProviderName!],
        AccountAction.GrantAdmin => text["Grant admin"],
        AccountAction.RevokeAdmin => text["Revoke admin"],
        AccountAction.Delete => text["Delete account"],
        AccountAction.EndSessions => text["End sessions"],
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The action cannot be undone from the portal.</summary>
    public bool IsDestructive => Action is AccountAction.Unlink or AccountAction.Delete or AccountAction.RevokeAdmin;
}
