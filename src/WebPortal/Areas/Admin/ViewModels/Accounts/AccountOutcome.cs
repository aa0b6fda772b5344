using Microsoft.Extensions.Localization;
using WebPortal.Areas.Admin.Accounts;
using WebPortal.Localization;
using WebPortal.Tokens;

namespace WebPortal.Areas.Admin.ViewModels.Accounts;

/// <summary>
/// What came of an admin's action, carried to the page shown next as a code in its query string (post, redirect,
/// get). The page turns the code into a sentence of its own: nothing the query string says is shown as text.
/// </summary>
public enum AccountOutcome
{
    Refreshed,
    RefreshNeedsReconnect,
    RefreshFailed,
    RefreshNotConnected,

    /// <summary>The provider is switched off in this deployment's configuration: nothing can refresh its tokens.</summary>
    RefreshProviderOff,
    Unlinked,
    NotLinked,

    /// <summary>An admin's own last way to sign in: unlinking it would lock them out of their account and its role.</summary>
    OwnLastWayToSignIn,
    AdminGranted,
    AdminRevoked,
    AdminUnchanged,
    LastAdminNotRevoked,
    LastAdminNotDeleted,
    Deleted,
    SessionsEnded,
}

/// <summary>The sentence that tells the admin what happened.</summary>
/// <param name="IsProblem">Shown as a warning: the action did not do what was asked.</param>
public sealed record OutcomeMessage(string Text, bool IsProblem)
{
    /// <summary>Reads an outcome code from the query string; anything else is no outcome.</summary>
    public static bool TryParse<TEnum>(string? value, out TEnum parsed)
        where TEnum : struct, Enum =>
        Enum.TryParse(value, ignoreCase: false, out parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value![0]);

    /// <param name="text">The request's language.</param>
    /// <param name="providerName">The provider's display name, from the portal's own list, never from the query.</param>
    /// <param name="connection">The connection concerned as it is now, if it still exists.</param>
    public static OutcomeMessage For(IStringLocalizer<Text> text, AccountOutcome outcome, string providerName, UpstreamFailure? failure, AccountConnection? connection) => outcome switch
    {
        AccountOutcome.Refreshed => new(
            connection?.AccessTokenExpiresAt is { } expiresAt
                ? text["The {0} access token was refreshed. It now expires at {1}.", providerName, PortalTime.Format(expiresAt)]
                : text["The {0} access token was refreshed.", providerName],
            false),
        AccountOutcome.RefreshNeedsReconnect => new(
            text["The {0} connection needs a reconnect: {0} no longer accepts it, or the portal holds no refresh token for it. Only the person can restore it, by signing in with {0} again.", providerName],
            true),
        AccountOutcome.RefreshFailed => new(
            text["{0} could not refresh the access token just now ({1}). The connection was kept as it was; try again later.", providerName, text[Failure(failure)].Value],
            true),
        AccountOutcome.RefreshNotConnected => new(text["There is no {0} connection to refresh.", providerName], true),
        AccountOutcome.RefreshProviderOff => new(text["{0} is switched off in the portal's configuration, so its tokens cannot be refreshed.", providerName], true),
        AccountOutcome.Unlinked => new(text["The {0} account was unlinked and its tokens were removed.", providerName], false),
        AccountOutcome.NotLinked => new(text["There was no {0} account to unlink.", providerName], true),
        AccountOutcome.OwnLastWayToSignIn => new(
            text["Your {0} account was not unlinked: it is your only way to sign in, and without it you could no longer reach this account or its admin role.", providerName],
            true),
        AccountOutcome.AdminGranted => new(text["The admin role was granted."], false),
        AccountOutcome.AdminRevoked => new(text["The admin role was revoked."], false),
        AccountOutcome.AdminUnchanged => new(text["Nothing changed: the admin role was already as asked."], false),
        AccountOutcome.LastAdminNotRevoked => new(
            text["The admin role was not revoked: this is the portal's only admin. Grant the role to someone else first."],
            true),
        AccountOutcome.LastAdminNotDeleted => new(
            text["The account was not deleted: it belongs to the portal's only admin. Grant the admin role to someone else first."],
            true),
        AccountOutcome.Deleted => new(text["The account was deleted, with its connections and tokens. Its audit entries are kept."], false),
        AccountOutcome.SessionsEnded => new(text["The sessions were ended: those browsers are signed out at their next request."], false),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    private static string Failure(UpstreamFailure? failure) => failure switch
    {
        UpstreamFailure.Timeout => "it took too long to answer",
        UpstreamFailure.Unreachable => "it could not be reached",
        UpstreamFailure.ServerError => "it answered with a server error",
        UpstreamFailure.MalformedAnswer => "its answer could not be read",
        UpstreamFailure.ClientRejected => "it refused the portal's own client credentials: check the portal's configuration",
        UpstreamFailure.Redirected => "it answered with a redirect, which the portal does not follow",
        UpstreamFailure.Unauthorized => "it refused the access token",
        _ => "it failed",
    };
}
