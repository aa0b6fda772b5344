using Microsoft.EntityFrameworkCore;
using WebPortal.Data;

namespace WebPortal.Authentication;

/// <summary>
/// The signed-in person's portal user as the database holds it now, read at most once per request: the session
/// check (<see cref="DeletedUserSessions"/>) and the admin policy share that one read.
/// </summary>
public sealed class SignedInUserRecord(PortalDbContext db)
{
    private Guid? _userId;
    private SignedInUserState? _state;

    /// <summary>The user's state, or null when the portal user no longer exists.</summary>
    public async Task<SignedInUserState?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (_userId != userId)
        {
            _state = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new SignedInUserState(u.IsAdmin))
                .SingleOrDefaultAsync(cancellationToken);
            _userId = userId;
        }

        return _state;
    }
}

public sealed record SignedInUserState(bool IsAdmin);
