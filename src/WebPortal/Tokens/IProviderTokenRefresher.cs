namespace WebPortal.Tokens;

/// <summary>Speaks one provider's refresh protocol. The token store decides when to call it.</summary>
public interface IProviderTokenRefresher
{
    /// <summary>The authentication scheme name this refresher serves.</summary>
    string Provider { get; }

    Task<TokenRefreshResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken);
}

public abstract record TokenRefreshResult
{
    /// <summary>New tokens; <see cref="ProviderTokens.RefreshToken"/> is null when the provider kept the old one.</summary>
    public sealed record Refreshed(ProviderTokens Tokens) : TokenRefreshResult;

    /// <summary>The provider refused the refresh token (<c>invalid_grant</c>, 400 or 401): the person must connect again.</summary>
    public sealed record Rejected(string Reason) : TokenRefreshResult;

    /// <summary>The provider could not be reached or answered something unusable; the refresh token may still be good.</summary>
    public sealed record Failed(UpstreamFailure Failure) : TokenRefreshResult;
}
