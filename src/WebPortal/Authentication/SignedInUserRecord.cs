using Microsoft.EntityFrameworkCore;
using WebPortal.Data;

namespace WebPortal.Authentication;

/// <summary>
/// The signed-in person's portal user as the database holds it now, read at most once per request: the session
/// check (<see cref="DeletedUserSessions"/>), the admin policy and the pages that name the person share that one read.
/// </summary>
public sealed class SignedInUserRecord(PortalDbContext db)
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
            _state = await ReadState(db, userId, cancellationToken);
            _userId = userId;
        }

        return _state;
    }
}

public sealed record SignedInUserState(Guid Id, string DisplayName, bool IsAdmin)
{
    /// <summary>The person as the audit log names them.</summary>
    public Audit.AuditActor Actor => new(Id, DisplayName);
}
