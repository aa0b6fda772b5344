using System.Net;
using WebPortal.Data;

namespace WebPortal.Audit;

/// <summary>
/// Writes the audit log. An entry is added to the caller's unit of work and saved with the change it records, so that
/// there is never a change without its entry, nor an entry for a change that did not happen.
/// </summary>
public sealed class AuditLog(PortalDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    private const int MaxCodeLength = 64;

    /// <summary>Adds an entry; the caller's <c>SaveChanges</c> stores it.</summary>
    /// <param name="actor">Who did it; <see cref="AuditActor.Portal"/> for the portal itself.</param>
    /// <param name="subject">Whose account it happened to.</param>
    /// <param name="detail">A code (an enum name, a validated provider error code), never free text from outside.</param>
    public AuditEntry Add(AuditAction action, AuditActor actor, AuditActor subject, string? provider = null, string? externalUserId = null, string? detail = null)
    {
        var entry = new AuditEntry
        {
            At = time.GetUtcNow(),
            Action = action,
            ActorUserId = actor.UserId,
            ActorName = Truncate(actor.Name, 200),
            SubjectUserId = subject.UserId,
            SubjectName = Truncate(subject.Name, 200),
            Provider = provider,
            ExternalUserId = Truncate(externalUserId, 200),
            Detail = Truncate(detail, MaxCodeLength),
            ClientIp = ClientAddress(http.HttpContext),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Adds an entry and saves it at once, for events that change nothing else.</summary>
    public async Task RecordAsync(AuditAction action, AuditActor actor, AuditActor subject, string? provider = null, string? externalUserId = null, string? detail = null)
    {
        Add(action, actor, subject, provider, externalUserId, detail);

        // An entry must be written even when the request that caused it was aborted meanwhile.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The request's client address: after the forwarded-headers step, the forwarded one only when that is enabled.</summary>
    private static string? ClientAddress(HttpContext? context) => context?.Connection.RemoteIpAddress switch
    {
        null => null,
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        IPAddress address => address.ToString(),
    };

    private static string? Truncate(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..length];
}

/// <summary>A portal user as the audit log names them: by id, with their display name as it was then.</summary>
public sealed record AuditActor(Guid? UserId, string? Name)
{
    /// <summary>The portal itself: a refresh, the <c>Portal:Admins</c> configuration.</summary>
    public static readonly AuditActor Portal = new(null, null);

    public static AuditActor Of(PortalUser user) => new(user.Id, user.DisplayName);
}
