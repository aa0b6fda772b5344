using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace WebPortal.Tokens;

/// <summary>
/// Keeps valid access tokens in this process's memory for a short while, so that a page view does not read and
/// decrypt the database row every time. Entries are per person and provider, end before the token enters its
/// refresh skew, and never outlive <see cref="TokenRefreshOptions.CacheDuration"/>, which bounds how long another
/// instance's change can go unseen. Refresh tokens are never cached: a refresh always reads the database.
/// </summary>
public sealed class AccessTokenCache(IMemoryCache cache, IOptions<TokenRefreshOptions> options, TimeProvider time)
{
    public bool TryGet(Guid userId, string provider, out ProviderAccess access) =>
        cache.TryGetValue(new Key(userId, provider), out access!);

    public void Remember(ProviderAccess access)
    {
        var settings = options.Value;
        var until = Min(access.ExpiresAt - settings.RefreshSkew, time.GetUtcNow() + settings.CacheDuration);
        if (until > time.GetUtcNow())
        {
            cache.Set(new Key(access.UserId, access.Provider), access, until);
        }
    }

    public void Forget(Guid userId, string provider) => cache.Remove(new Key(userId, provider));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Key(Guid UserId, string Provider);
}
