using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebPortal.Data;

namespace WebPortal.Sessions;

/// <summary>
/// Keeps the cookie handler's authentication tickets in the portal database (<see cref="UserSession"/>), behind
/// <see cref="SessionCache"/>: the cookie carries only the session key. A new sign-in gets a new key (the cookie
/// handler removes the session it replaces). A session has ended once it was idle for
/// <see cref="SessionOptions.IdleTimeout"/> or reached <see cref="SessionOptions.AbsoluteLifetime"/>; its last request
/// is written at most once a <see cref="LastSeenPrecision"/>, so that a page view does not write to the database.
/// </summary>
/// <remarks>
/// The cookie handler calls the overloads with the request, whose services give the database; the others are not used.
/// </remarks>
public sealed partial class PortalTicketStore(SessionCache cache, IOptions<SessionOptions> options, TimeProvider time, ILogger<PortalTicketStore> logger) : ITicketStore
{
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    private static readonly Func<PortalDbContext, string, CancellationToken, Task<CachedSession?>> ReadSession =
        EF.CompileAsyncQuery((PortalDbContext db, string keyHash, CancellationToken _) =>
            db.Sessions.AsNoTracking()
                .Where(s => s.KeyHash == keyHash)
                .Select(s => new CachedSession(s.Id, s.UserId, s.Ticket, s.LastSeenAt, s.ExpiresAt))
                .SingleOrDefault());

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var identity = ticket.Principal.Identity as ClaimsIdentity ?? throw new InvalidOperationException("A session needs a claims identity.");
        var userId = Guid.Parse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? throw new InvalidOperationException("A session needs a portal user id."));
        var key = SessionKey.New();
        var now = time.GetUtcNow();
        var (browser, operatingSystem) = BrowserName.From(httpContext.Request.Headers.UserAgent);
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            KeyHash = SessionKey.Hash(key),
            SignInProvider = identity.FindFirst(SessionClaims.SignInProvider)?.Value ?? "",
            Browser = browser,
            OperatingSystem = operatingSystem,
            IpAddress = httpContext.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : null,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + options.Value.AbsoluteLifetime,
            Ticket = [],
        };

        foreach (var stale in identity.FindAll(SessionClaims.SessionId).ToList())
        {
            identity.RemoveClaim(stale);
        }

        identity.AddClaim(new Claim(SessionClaims.SessionId, session.Id.ToString("N")));
        ticket.Properties.ExpiresUtc = session.ExpiresAt;
        session.Ticket = TicketSerializer.Default.Serialize(ticket);

        var db = Database(httpContext);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(session).State = EntityState.Detached;
        LogStarted(logger, session.Id, userId);
        return key;
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!SessionKey.IsWellFormed(key))
        {
            return null;
        }

        var keyHash = SessionKey.Hash(key);
        var session = await cache.FindAsync(keyHash, (httpContext, keyHash), static async (state, token) => await ReadSession(Database(state.httpContext), state.keyHash, token), cancellationToken);
        if (session is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (session.HasEnded(now, options.Value.IdleTimeout))
        {
            await EndAsync(Database(httpContext), keyHash, cancellationToken);
            LogEnded(logger, session.Id, session.UserId);
            return null;
        }

        if (now - session.LastSeenAt >= LastSeenPrecision)
        {
            // Zero rows: the session was ended meanwhile, here or on another instance.
            if (await Database(httpContext).Sessions.Where(s => s.KeyHash == keyHash).ExecuteUpdateAsync(s => s.SetProperty(row => row.LastSeenAt, now), cancellationToken) == 0)
            {
                await cache.ForgetAsync([keyHash], cancellationToken);
                return null;
            }

            await cache.RememberAsync(keyHash, session with { LastSeenAt = now }, cancellationToken);
        }

        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!SessionKey.IsWellFormed(key))
        {
            return;
        }

        var keyHash = SessionKey.Hash(key);
        var serialized = TicketSerializer.Default.Serialize(ticket);
        await Database(httpContext).Sessions.Where(s => s.KeyHash == keyHash).ExecuteUpdateAsync(s => s.SetProperty(row => row.Ticket, serialized), cancellationToken);
        await cache.ForgetAsync([keyHash], cancellationToken);
    }

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (SessionKey.IsWellFormed(key))
        {
            await EndAsync(Database(httpContext), SessionKey.Hash(key), cancellationToken);
        }
    }

    /// <summary>
    /// The session the request's cookie names, read without the cookie handler: a sign-in callback asks who is linking
    /// an account, and must then end that session itself (<see cref="RemoveAsync(string, HttpContext, CancellationToken)"/>),
    /// because a cookie handler that had read the cookie would renew that session under its old key rather than start one.
    /// </summary>
    public async Task<(string Key, ClaimsPrincipal Principal)?> FindCurrentAsync(HttpContext httpContext, CookieAuthenticationOptions cookie)
    {
        var key = cookie.CookieManager.GetRequestCookie(httpContext, cookie.Cookie.Name!);
        return key is not null && await RetrieveAsync(key, httpContext, httpContext.RequestAborted) is { } ticket
            ? (key, ticket.Principal)
            : null;
    }

    public Task<string> StoreAsync(AuthenticationTicket ticket) => throw WithoutRequest();

    public Task RenewAsync(string key, AuthenticationTicket ticket) => throw WithoutRequest();

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => throw WithoutRequest();

    public Task RemoveAsync(string key) => throw WithoutRequest();

    private async Task EndAsync(PortalDbContext db, string keyHash, CancellationToken cancellationToken)
    {
        await db.Sessions.Where(s => s.KeyHash == keyHash).ExecuteDeleteAsync(cancellationToken);
        await cache.ForgetAsync([keyHash], cancellationToken);
    }

    private static PortalDbContext Database(HttpContext httpContext) => httpContext.RequestServices.GetRequiredService<PortalDbContext>();

    private static NotSupportedException WithoutRequest() => new("The portal's sessions are kept through the request's services: the cookie handler passes the HttpContext.");

    /// <summary>The scheme's cookie handler keeps its tickets here, and its cookie is the bare key (<see cref="SessionKeyCookieFormat"/>).</summary>
    public void Apply(CookieAuthenticationOptions cookie, string scheme)
    {
        cookie.SessionStore = this;
        cookie.TicketDataFormat = new SessionKeyCookieFormat(scheme);
        cookie.ExpireTimeSpan = options.Value.AbsoluteLifetime;

        // The store keeps the idle timeout: a sliding cookie would be rewritten on the way for nothing.
        cookie.SlidingExpiration = false;
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Started session {SessionId} of portal user {UserId}")]
    private static partial void LogStarted(ILogger logger, Guid sessionId, Guid userId);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Session {SessionId} of portal user {UserId} ended: idle or at the end of its lifetime")]
    private static partial void LogEnded(ILogger logger, Guid sessionId, Guid userId);
}
