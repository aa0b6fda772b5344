using System.Text.RegularExpressions;

namespace WebPortal.Integrations.Http;

/// <summary>
/// What of a provider's error may be repeated (in a log, an exception message, a library's own log line): an OAuth
/// <c>error</c> code that looks like one, and B2C's code from the front of an <c>error_description</c>. The rest of
/// an error is the sender's to write, and a careless or hostile provider may echo a code, a token or the client
/// secret there.
/// </summary>
public static partial class ProviderErrorCodes
{
    /// <summary>Stands in for an <c>error</c> that is not a code, so that an error still reads as one.</summary>
    public const string Unreadable = "unreadable_error";

    /// <summary>The error code itself when it looks like one (<c>^[a-z_]{1,64}$</c>), <see cref="Unreadable"/> for anything else sent, null when nothing was.</summary>
    public static string? Code(string? error) =>
        string.IsNullOrEmpty(error) ? null : ErrorCode().IsMatch(error) ? error : Unreadable;

    /// <summary>B2C's error code (<c>AADB2C90118</c>) from the front of an <c>error_description</c>, or null: the rest is dropped.</summary>
    public static string? B2CCode(string? description) =>
        description is null ? null : B2CErrorCode().Match(description) is { Success: true } match ? match.Value : null;

    [GeneratedRegex("^[a-z_]{1,64}$")]
    private static partial Regex ErrorCode();

    // B2C's codes have five digits; a few more are allowed, never an unbounded run that could carry a number.
    [GeneratedRegex("^AADB2C[0-9]{5,8}(?![0-9])")]
    private static partial Regex B2CErrorCode();
}
