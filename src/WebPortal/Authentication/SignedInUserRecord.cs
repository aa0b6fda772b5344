using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using WebPortal.Data;

namespace WebPortal.Authentication;

/// <summary>
/// The signed-in person's portal user as the database holds it, through <see cref="UserCache"/> and at most once per
/// request: the session check (<see cref="DeletedUserSessions"/>), the admin policy and the pages that name the person
/// share that one read.
/// </summary>
public sealed class SignedInUserRecord(PortalDbContext db, UserCache cache)
{
    // Compiled once: this read is on every signed-in request, and compiling it is most of its cost.
    private static readonly Func<PortalDbContext, Guid, CancellationToken, Task<SignedInUserState?>> ReadState =
        EF.CompileAsyncQuery((PortalDbContext context, Guid userId, CancellationToken _) =>
            context.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new SignedInUserState(u.Id, u.DisplayName, u.IsAdmin)).SingleOrDefault());

    private Guid? _userId;
    private SignedInUserState? _state;

    /// <summary>The user's state, or null when the portal user no longer exists.</summary>
    public async Task<SignedInUserState?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (_userId != userId)
        {
            _state = await cache.GetOrReadAsync("signed-in-user", userId, (db, userId), static async (state, token) => await ReadState(state.db, state.userId, token), cancellationToken);
            _userId = userId;
        }

        return _state;
    }
}

[ImmutableObject(true)]
public sealed record SignedInUserState(Guid Id, string DisplayName, bool IsAdmin)
{
    /// <summary>The person as the audit log names them.</summary>
    public Audit.AuditActor Actor => new(Id, DisplayName);
}
