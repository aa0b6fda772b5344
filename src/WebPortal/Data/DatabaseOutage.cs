using System.Data.Common;

namespace WebPortal.Data;

/// <summary>
/// The database being unavailable for now (PostgreSQL down or restarting: a connection refused, dropped or timed out),
/// told apart from the portal's own faults: the person is told so and to try again later (503, or the sign-in error
/// page's reason), rather than that something went wrong on the portal's side. Sessions and connections are in the
/// database, so they are all there again once it is back.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>
    /// Whether <paramref name="exception"/>, or one it wraps, is the database provider's own word that the failure is
    /// transient (<see cref="DbException.IsTransient"/>): EF Core wraps it once more, and HybridCache passes it on.
    /// </summary>
    public static bool IsCause(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
