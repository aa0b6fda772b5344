using System.Diagnostics.CodeAnalysis;

namespace WebPortal.Scaling;

/// <summary>What the other instances' caches must forget.</summary>
public enum InvalidationKind
{
    /// <summary>A session changed or ended; <see cref="CacheInvalidation.Subject"/> is its key's hash.</summary>
    Session,

    /// <summary>A user or one of their connections changed; the subject is the user id.</summary>
    User,

    /// <summary>A connection's access token is no longer good; the subject is the user id, with the provider.</summary>
    AccessToken,
}

/// <summary>
/// One thing to forget, as sent between instances: <c>{sender}|{kind}|{subject}[|{provider}]</c>. A message read back
/// is parsed strictly, and anything else is ignored: nothing from the channel is ever used as more than a cache key.
/// </summary>
public sealed record CacheInvalidation(InvalidationKind Kind, string Subject, string? Provider = null)
{
    private const int MaxSubjectLength = 64;

    public static CacheInvalidation ForSession(string keyHash) => new(InvalidationKind.Session, keyHash);

    public static CacheInvalidation ForUser(Guid userId) => new(InvalidationKind.User, userId.ToString("N"));

    public static CacheInvalidation ForAccessToken(Guid userId, string provider) => new(InvalidationKind.AccessToken, userId.ToString("N"), provider);

    /// <summary>The user id of a <see cref="InvalidationKind.User"/> or <see cref="InvalidationKind.AccessToken"/> invalidation.</summary>
    public Guid UserId => Guid.ParseExact(Subject, "N");

    public string Format(Guid sender) =>
        Provider is null ? $"{sender:N}|{Kind}|{Subject}" : $"{sender:N}|{Kind}|{Subject}|{Provider}";

    public static bool TryParse(string? message, out Guid sender, [NotNullWhen(true)] out CacheInvalidation? invalidation)
    {
        sender = Guid.Empty;
        invalidation = null;
        var parts = message?.Split('|');
        if (parts is not { Length: 3 or 4 }
            || !Guid.TryParseExact(parts[0], "N", out sender)
            || !Enum.TryParse<InvalidationKind>(parts[1], ignoreCase: false, out var kind)
            || !Enum.IsDefined(kind)
            || !IsToken(parts[2]))
        {
            return false;
        }

        var provider = parts.Length == 4 ? parts[3] : null;
        var wellFormed = kind switch
        {
            InvalidationKind.Session => provider is null,
            InvalidationKind.User => provider is null && Guid.TryParseExact(parts[2], "N", out _),
            InvalidationKind.AccessToken => provider is not null && IsToken(provider) && Guid.TryParseExact(parts[2], "N", out _),
            _ => false,
        };
        if (wellFormed)
        {
            invalidation = new CacheInvalidation(kind, parts[2], provider);
        }

        return wellFormed;
    }

    private static bool IsToken(string value) =>
        value.Length is > 0 and <= MaxSubjectLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
