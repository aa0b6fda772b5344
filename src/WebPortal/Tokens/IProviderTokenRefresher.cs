namespace WebPortal.Tokens;

/// <summary>Speaks one provider's refresh protocol. The token store decides when to call it.</summary>
public interface IProviderTokenRefresher
{
    /// <summary>The authentication scheme name this refresher serves.</summary>
    string Provider { get; }

    /// <summary>
    /// Redeems <paramref name="connection"/>'s refresh token. An answer for another account than the connection's
    /// (<see cref="StoredConnection.ProviderUserId"/>) gives <see cref="TokenRefreshResult.Untrusted"/>.
    /// </summary>
    /// <param name="connection">The connection as read under the refresh lock, with its refresh token.</param>
    Task<TokenRefreshResult> RefreshAsync(StoredConnection connection, CancellationToken cancellationToken);
}

public abstract record TokenRefreshResult
{
    /// <summary>New tokens; <see cref="ProviderTokens.RefreshToken"/> is null when the provider kept the old one.</summary>
    public sealed record Refreshed(ProviderTokens Tokens) : TokenRefreshResult;

    /// <summary>The provider refused the refresh token (<c>invalid_grant</c>, 400 or 401): the person must connect again.</summary>
    public sealed record Rejected(string Reason) : TokenRefreshResult;

    /// <summary>
    /// The provider answered with tokens that cannot be trusted for this connection: they name another account or
    /// tenant, or an id_token fails validation. Nothing of the answer may be stored; the person must connect again.
    /// </summary>
    /// <param name="Reason">Which check failed, in words safe to log: never a token or a claim's value.</param>
    public sealed record Untrusted(string Reason) : TokenRefreshResult;

    /// <summary>The provider could not be reached or answered something unusable; the refresh token may still be good.</summary>
    public sealed record Failed(UpstreamFailure Failure) : TokenRefreshResult;
}
