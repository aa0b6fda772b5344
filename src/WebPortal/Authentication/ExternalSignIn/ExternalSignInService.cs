using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WebPortal.Data;
using WebPortal.Tokens;

namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>
/// Completes a sign-in with a provider: finds or creates the portal user, links the external account to it,
/// stores the provider's tokens encrypted, and returns the portal principal for the cookie.
/// </summary>
public sealed partial class ExternalSignInService(
    PortalDbContext db,
    ProviderConnectionStore connections,
    AccessTokenCache accessTokens,
    TimeProvider time,
    ILogger<ExternalSignInService> logger)
{
    /// <param name="signedInUserId">The portal user already signed in, who is linking another account; null for a plain sign-in.</param>
    public async Task<ClaimsPrincipal> SignInAsync(
        ExternalIdentity identity,
        ProviderTokens tokens,
        Guid? signedInUserId,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var connection = await db.Connections
            .Include(c => c.User)
            .SingleOrDefaultAsync(c => c.Provider == identity.Provider && c.ProviderUserId == identity.ProviderUserId, cancellationToken);

        if (connection is not null && signedInUserId is { } linkingUserId && connection.UserId != linkingUserId)
        {
            throw new AccountLinkConflictException(identity.Provider);
        }

        if (connection is null)
        {
            var user = await FindOrCreateUserAsync(identity, signedInUserId, now, cancellationToken);

            // One account per provider and person: linking another one replaces the old link.
            var replaced = await db.Connections.SingleOrDefaultAsync(c => c.UserId == user.Id && c.Provider == identity.Provider, cancellationToken);
            if (replaced is not null)
            {
                db.Connections.Remove(replaced);
            }

            connection = new ProviderConnection
            {
                Id = Guid.NewGuid(),
                User = user,
                Provider = identity.Provider,
                ProviderUserId = identity.ProviderUserId,
                ConnectedAt = now,
            };
            db.Connections.Add(connection);
            LogLinked(logger, identity.Provider, user.Id);
        }

        var portalUser = connection.User!;
        portalUser.LastSignInAt = now;
        if (!string.IsNullOrWhiteSpace(identity.Email))
        {
            portalUser.Email ??= identity.Email;
        }

        connections.ApplyTokens(connection, tokens);
        await db.SaveChangesAsync(cancellationToken);
        accessTokens.Forget(portalUser.Id, identity.Provider);

        LogSignedIn(logger, identity.Provider, portalUser.Id);
        return PortalClaims.Create(portalUser.Id, portalUser.DisplayName, identity.Provider);
    }

    private async Task<PortalUser> FindOrCreateUserAsync(ExternalIdentity identity, Guid? signedInUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (signedInUserId is { } userId && await db.Users.FindAsync([userId], cancellationToken) is { } existing)
        {
            return existing;
        }

        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            DisplayName = string.IsNullOrWhiteSpace(identity.DisplayName) ? $"{identity.Provider} member" : identity.DisplayName,
            Email = identity.Email,
            CreatedAt = now,
        };
        db.Users.Add(user);
        LogUserCreated(logger, user.Id, identity.Provider);
        return user;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Created portal user {UserId} on a first sign-in with {Provider}")]
    private static partial void LogUserCreated(ILogger logger, Guid userId, string provider);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Linked a {Provider} account to portal user {UserId}")]
    private static partial void LogLinked(ILogger logger, string provider, Guid userId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Portal user {UserId} signed in with {Provider}")]
    private static partial void LogSignedIn(ILogger logger, string provider, Guid userId);
}
