using System.Globalization;
using WebPortal.Areas.Admin.Accounts;
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

    /// <param name="providerName">The provider's display name, from the portal's own list, never from the query.</param>
    /// <param name="connection">The connection concerned as it is now, if it still exists.</param>
    public static OutcomeMessage For(AccountOutcome outcome, string providerName, UpstreamFailure? failure, AccountConnection? connection) => outcome switch
    {
        AccountOutcome.Refreshed => new(
            connection?.AccessTokenExpiresAt is { } expiresAt
                ? $"The {providerName} access token was refreshed. It now expires at {AdminFormat.Time(expiresAt)}."
                : $"The {providerName} access token was refreshed.",
            false),
        AccountOutcome.RefreshNeedsReconnect => new(
            $"The {providerName} connection needs a reconnect: {providerName} no longer accepts it, or the portal holds no refresh token for it. Only the person can restore it, by signing in with {providerName} again.",
            true),
        AccountOutcome.RefreshFailed => new(
            $"{providerName} could not refresh the access token just now ({Failure(failure)}). The connection was kept as it was; try again later.",
            true),
        AccountOutcome.RefreshNotConnected => new($"There is no {providerName} connection to refresh.", true),
        AccountOutcome.RefreshProviderOff => new($"{providerName} is switched off in the portal's configuration, so its tokens cannot be refreshed.", true),
        AccountOutcome.Unlinked => new($"The {providerName} account was unlinked and its tokens were removed.", false),
        AccountOutcome.NotLinked => new($"There was no {providerName} account to unlink.", true),
        AccountOutcome.OwnLastWayToSignIn => new(
            $"Your {providerName} account was not unlinked: it is your only way to sign in, and without it you could no longer reach this account or its admin role.",
            true),
        AccountOutcome.AdminGranted => new("The admin role was granted.", false),
        AccountOutcome.AdminRevoked => new("The admin role was revoked.", false),
        AccountOutcome.AdminUnchanged => new("Nothing changed: the admin role was already as asked.", false),
        AccountOutcome.LastAdminNotRevoked => new(
            "The admin role was not revoked: this is the portal's only admin. Grant the role to someone else first.",
            true),
        AccountOutcome.LastAdminNotDeleted => new(
            "The account was not deleted: it belongs to the portal's only admin. Grant the admin role to someone else first.",
            true),
        AccountOutcome.Deleted => new("The account was deleted, with its connections and tokens. Its audit entries are kept.", false),
        AccountOutcome.SessionsEnded => new("The sessions were ended: those browsers are signed out at their next request.", false),
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

/// <summary>How the admin pages write times: UTC, to the minute, the same for every admin.</summary>
public static class AdminFormat
{
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) => time is { } value ? Time(value) : "–";

    /// <summary>For a <c>datetime</c> attribute.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
