using WebPortal.Authentication;
using WebPortal.Tokens;

namespace WebPortal.ViewModels.Home;

/// <param name="CancelledAt">The provider at which the person just cancelled a sign-in.</param>
/// <param name="Notice">What the start page says after an action that ended on it.</param>
public sealed record HomeViewModel(IReadOnlyList<ExternalProvider> Providers, IReadOnlyList<ConnectionSummary> Connections, string? ReturnUrl, ExternalProvider? CancelledAt = null, StartNotice? Notice = null);

/// <summary>What the start page says after an action that ended on it; a code in the query string, never text from it.</summary>
public enum StartNotice
{
    /// <summary>The person deleted their portal account and was signed out.</summary>
    AccountDeleted,
}

/// <param name="RetryAfter">How long a client over the rate limit has to wait (429 only).</param>
/// <param name="DatabaseUnavailable">Whether the request failed because the database cannot be reached just now.</param>
public sealed record ErrorViewModel(int StatusCode, string Reference, TimeSpan? RetryAfter = null, bool DatabaseUnavailable = false)
{
    public string Title => StatusCode switch
    {
        404 => "Page not found",
        400 => "That request could not be handled",
        403 => "You do not have access to this page",
        429 => "Too many sign-in attempts",
        503 => "The portal is temporarily unavailable",
        _ => "Something went wrong on our side",
    };

    /// <summary>How long to wait before trying again: the key of its words, with the number for their <c>{0}</c>.</summary>
    public (string Key, int Count) Wait => RetryAfter switch
    {
        null => ("a minute", 1),
        { TotalSeconds: <= 1 } => ("a second", 1),
        { TotalSeconds: <= 90 } wait => ("{0} seconds", (int)Math.Ceiling(wait.TotalSeconds)),
        { } wait => ("{0} minutes", (int)Math.Ceiling(wait.TotalMinutes)),
    };
}

/// <summary>A button that starts a sign-in with a provider: to sign in, connect, reconnect or try again.</summary>
public sealed record SignInButtonModel(ExternalProvider Provider, string Label, string? ReturnUrl = null);
