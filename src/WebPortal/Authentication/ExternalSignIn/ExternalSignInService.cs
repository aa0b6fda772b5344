using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebPortal.Audit;
using WebPortal.Authentication.Admins;
using WebPortal.Data;
using WebPortal.Tokens;

namespace WebPortal.Authentication.ExternalSignIn;

/// <summary>
/// Completes a sign-in with a provider: finds or creates the portal user, links the external account to it,
/// stores the provider's tokens encrypted, records it in the audit log, and returns the portal principal for the cookie.
/// External accounts are matched on the provider and its own identifier only, never on an e-mail address.
/// </summary>
public sealed partial class ExternalSignInService(
    PortalDbContext db,
    ProviderConnectionStore connections,
    AccessTokenCache accessTokens,
    AuditLog audit,
    UserCache userCache,
    IOptions<PortalAdminsSettings> admins,
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
            var linking = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == linkingUserId, cancellationToken);
            var person = linking is null ? new AuditActor(linkingUserId, null) : AuditActor.Of(linking);
            await audit.RecordAsync(AuditAction.LinkRefused, person, person, identity.Provider, identity.ProviderUserId, "linked_to_another_user");
            throw new AccountLinkConflictException(identity.Provider);
        }

        if (connection is null)
        {
            var (user, created) = await FindOrCreateUserAsync(identity, signedInUserId, now, cancellationToken);

            // One account per provider and person: linking another one replaces the old link.
            var replaced = await db.Connections.SingleOrDefaultAsync(c => c.UserId == user.Id && c.Provider == identity.Provider, cancellationToken);
            if (replaced is not null)
            {
                db.Connections.Remove(replaced);
            }

            audit.Add(
                created ? AuditAction.FirstLink : AuditAction.ProviderLinked,
                AuditActor.Of(user),
                AuditActor.Of(user),
                identity.Provider,
                identity.ProviderUserId,
                replaced is null ? null : "replaced_previous_account");

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
        portalUser.Renormalize();
        if (!string.IsNullOrWhiteSpace(identity.Email))
        {
            portalUser.Email ??= identity.Email;
        }

        if (connection.Status == ConnectionStatus.NeedsReconnect)
        {
            audit.Add(AuditAction.Reconnected, AuditActor.Of(portalUser), AuditActor.Of(portalUser), identity.Provider, identity.ProviderUserId);
        }

        if (signedInUserId is null)
        {
            audit.Add(AuditAction.SignedIn, AuditActor.Of(portalUser), AuditActor.Of(portalUser), identity.Provider, identity.ProviderUserId);
        }

        if (!portalUser.IsAdmin && admins.Value.Names(identity.Provider, identity.ProviderUserId))
        {
            portalUser.IsAdmin = true;
            audit.Add(AuditAction.AdminGranted, AuditActor.Portal, AuditActor.Of(portalUser), identity.Provider, identity.ProviderUserId, "Portal:Admins");
            LogAdminByConfiguration(logger, portalUser.Id, identity.Provider);
        }

        connections.ApplyTokens(connection, tokens);
        await db.SaveChangesAsync(cancellationToken);
        accessTokens.Forget(portalUser.Id, identity.Provider);
        await userCache.ChangedAsync(portalUser.Id, CancellationToken.None);

        LogSignedIn(logger, identity.Provider, portalUser.Id);
        return PortalClaims.Create(portalUser.Id, portalUser.DisplayName, identity.Provider);
    }

    private async Task<(PortalUser User, bool Created)> FindOrCreateUserAsync(ExternalIdentity identity, Guid? signedInUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (signedInUserId is { } userId && await db.Users.FindAsync([userId], cancellationToken) is { } existing)
        {
            return (existing, false);
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
        return (user, true);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Created portal user {UserId} on a first sign-in with {Provider}")]
    private static partial void LogUserCreated(ILogger logger, Guid userId, string provider);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Linked a {Provider} account to portal user {UserId}")]
    private static partial void LogLinked(ILogger logger, string provider, Guid userId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Portal user {UserId} is an admin from now on: Portal:Admins names their {Provider} account")]
    private static partial void LogAdminByConfiguration(ILogger logger, Guid userId, string provider);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Portal user {UserId} signed in with {Provider}")]
    private static partial void LogSignedIn(ILogger logger, string provider, Guid userId);
}
