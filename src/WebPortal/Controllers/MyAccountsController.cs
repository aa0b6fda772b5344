using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WebPortal.Accounts;
using WebPortal.Authentication;
using WebPortal.Sessions;
using WebPortal.Tokens;
using WebPortal.ViewModels.Home;
using WebPortal.ViewModels.MyAccounts;

namespace WebPortal.Controllers;

/// <summary>
/// "My accounts": a signed-in person's connections, connecting the provider not yet linked, disconnecting one (as
/// long as another way to sign in remains), their sessions (ending one, or all others) and deleting their portal
/// account. Every change is a POST (disconnecting and deleting confirmed first) whose outcome the page tells after a
/// redirect, as a code.
/// </summary>
[Authorize]
[Route("account")]
public sealed partial class MyAccountsController(
    ExternalProviderCatalog providers,
    ProviderConnectionStore connections,
    SignedInUserRecord users,
    PortalAccounts accounts,
    PortalSessions sessions,
    ILogger<MyAccountsController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(MyAccountsNotice? notice, string? provider, CancellationToken cancellationToken)
    {
        if (await FindUserAsync(cancellationToken) is not { } user)
        {
            return await EndSessionAsync(null);
        }

        var linked = await connections.ListAsync(user.Id, cancellationToken);
        return View(new MyAccountsViewModel(
            user.DisplayName,
            // A provider switched off since it was linked is still listed, so that its connection can be disconnected.
            new ConnectionsTableModel([.. providers.All.Where(p => p.IsEnabled || linked.Any(c => c.Provider == p.Scheme))], linked, Manage: true),
            new MySessionsModel(await sessions.ListAsync(user.Id, cancellationToken), User.FindSessionId(), providers.All),
            notice is { } known && Enum.IsDefined(known) ? known : null,
            provider is null ? null : providers.Find(provider)));
    }

    [HttpGet("disconnect/{provider}")]
    public async Task<IActionResult> ConfirmDisconnect(string provider, CancellationToken cancellationToken)
    {
        if (providers.Find(provider) is not { } external)
        {
            return NotFound();
        }

        if (await FindUserAsync(cancellationToken) is not { } user)
        {
            return await EndSessionAsync(null);
        }

        var linked = await connections.ListAsync(user.Id, cancellationToken);
        if (!linked.Any(c => c.Provider == external.Scheme))
        {
            return Told(MyAccountsNotice.NotConnected, external);
        }

        var otherWayIn = linked.Any(c => c.Provider != external.Scheme && providers.IsEnabled(c.Provider));
        return View(new ConfirmDisconnectViewModel(external, OnlyWayToSignIn: !otherWayIn));
    }

    [HttpPost("disconnect/{provider}")]
    public async Task<IActionResult> Disconnect(string provider, CancellationToken cancellationToken)
    {
        if (providers.Find(provider) is not { } external)
        {
            return NotFound();
        }

        if (await FindUserAsync(cancellationToken) is not { } user)
        {
            return await EndSessionAsync(null);
        }

        var signInProviders = providers.Enabled.Select(p => p.Scheme).ToList();
        var outcome = await accounts.UnlinkAsync(user.Id, external.Scheme, user.Actor, keepSignInWith: signInProviders, keepSession: User.FindSessionId(), cancellationToken);
        if (outcome == UnlinkOutcome.LastWayToSignIn)
        {
            LogDisconnectRefused(logger, external.Scheme, user.Id);
        }

        return Told(
            outcome switch
            {
                UnlinkOutcome.Unlinked => MyAccountsNotice.Disconnected,
                UnlinkOutcome.LastWayToSignIn => MyAccountsNotice.DisconnectRefused,
                _ => MyAccountsNotice.NotConnected,
            },
            external);
    }

    [HttpPost("sessions/{sessionId:guid}/end")]
    public async Task<IActionResult> EndSession(Guid sessionId, CancellationToken cancellationToken)
    {
        if (await FindUserAsync(cancellationToken) is not { } user)
        {
            return await EndSessionAsync(null);
        }

        if (sessionId == User.FindSessionId())
        {
            // Ending this browser's own session is signing out.
            return await EndSessionAsync(null);
        }

        return Told(await sessions.EndAsync(user.Id, sessionId, user.Actor, cancellationToken) ? MyAccountsNotice.SessionEnded : MyAccountsNotice.SessionNotFound, null);
    }

    [HttpPost("sessions/end-others")]
    public async Task<IActionResult> EndOtherSessions(CancellationToken cancellationToken)
    {
        if (await FindUserAsync(cancellationToken) is not { } user)
        {
            return await EndSessionAsync(null);
        }

        await sessions.EndAllAsync(user.Id, keep: User.FindSessionId(), user.Actor, cancellationToken);
        return Told(MyAccountsNotice.OtherSessionsEnded, null);
    }

    [HttpGet("delete")]
    public async Task<IActionResult> ConfirmDelete(CancellationToken cancellationToken)
    {
        if (await FindUserAsync(cancellationToken) is not { } user)
        {
            return await EndSessionAsync(null);
        }

        var linked = await connections.ListAsync(user.Id, cancellationToken);
        return View(new ConfirmDeleteViewModel(
            user.DisplayName,
            [.. linked.Select(c => providers.Find(c.Provider)?.DisplayName ?? c.Provider)]));
    }

    [HttpPost("delete")]
    public async Task<IActionResult> Delete(CancellationToken cancellationToken)
    {
        if (await FindUserAsync(cancellationToken) is not { } user)
        {
            return await EndSessionAsync(null);
        }

        return await accounts.DeleteAsync(user.Id, user.Actor, cancellationToken) switch
        {
            DeleteOutcome.LastAdmin => Told(MyAccountsNotice.DeleteRefusedLastAdmin, null),
            DeleteOutcome.Deleted => await EndSessionAsync(StartNotice.AccountDeleted),
            _ => await EndSessionAsync(null),
        };
    }

    /// <summary>The signed-in person as read once for this request; null when the account is gone.</summary>
    private Task<SignedInUserState?> FindUserAsync(CancellationToken cancellationToken) =>
        users.FindAsync(User.GetUserId(), cancellationToken);

    /// <summary>Signs the browser out and sends it to the start page: the account was just deleted, or is gone.</summary>
    private async Task<IActionResult> EndSessionAsync(StartNotice? notice)
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect(notice is { } told ? $"/?notice={told}" : "/");
    }

    private RedirectResult Told(MyAccountsNotice notice, ExternalProvider? provider) =>
        Redirect(provider is null
            ? $"{MyAccountsPaths.Index}?notice={notice}"
            : $"{MyAccountsPaths.Index}?notice={notice}&provider={Uri.EscapeDataString(provider.Scheme)}");

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Portal user {UserId} may not disconnect {Provider}: it is their only way to sign in")]
    private static partial void LogDisconnectRefused(ILogger logger, string provider, Guid userId);
}
