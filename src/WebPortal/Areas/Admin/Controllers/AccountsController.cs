using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using WebPortal.Accounts;
using WebPortal.Areas.Admin.Accounts;
using WebPortal.Areas.Admin.ViewModels.Accounts;
using WebPortal.Audit;
using WebPortal.Authentication;
using WebPortal.Authentication.Admins;
using WebPortal.Data;
using WebPortal.Localization;
using WebPortal.Sessions;
using WebPortal.Tokens;

namespace WebPortal.Areas.Admin.Controllers;

/// <summary>
/// Every portal user with their linked accounts, and an admin's actions on them. Each action is confirmed on a page of
/// its own (a GET of the action's path) and then posted with an anti-forgery token; a POST that was not confirmed
/// shows that page instead of acting. The outcome travels to the next page as a code (post, redirect, get).
/// </summary>
[Area("Admin")]
[Authorize(Policy = PortalPolicies.Admin)]
[Route("admin/accounts")]
public sealed partial class AccountsController(
    AccountDirectory directory,
    PortalAccounts accounts,
    AccessTokenService accessTokens,
    AuditLog audit,
    SignedInUserRecord users,
    ExternalProviderCatalog providers,
    PortalSessions sessions,
    IStringLocalizer<Text> text,
    ILogger<AccountsController> logger) : Controller
{
    /// <summary>The admin area's front door; behind the policy like every admin page.</summary>
    [HttpGet("/admin")]
    public IActionResult Area() => RedirectToAction(nameof(Index));

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? provider, string? state, string? sort, int? page, int? size, string? outcome, CancellationToken cancellationToken)
    {
        var query = AccountListQuery.Parse(q, provider, state, sort, page, size, providers.All.Select(p => p.Scheme));
        var shown = await directory.ListAsync(query, cancellationToken);
        var message = OutcomeMessage.TryParse<AccountOutcome>(outcome, out var code) && code == AccountOutcome.Deleted
            ? OutcomeMessage.For(text, code, "", null, null)
            : null;
        return View(new AccountListViewModel(shown, providers.All, message));
    }

    [HttpGet("{userId:guid}")]
    public async Task<IActionResult> Details(Guid userId, string? outcome, string? provider, string? failure, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(userId, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        OutcomeMessage? message = null;
        if (OutcomeMessage.TryParse<AccountOutcome>(outcome, out var code))
        {
            var known = provider is null ? null : providers.Find(provider);
            var connection = known is null ? null : account.Connections.FirstOrDefault(c => c.Provider == known.Scheme);
            UpstreamFailure? upstream = OutcomeMessage.TryParse<UpstreamFailure>(failure, out var parsed) ? parsed : null;
            message = OutcomeMessage.For(text, code, known?.DisplayName ?? text["(unknown provider)"], upstream, connection);
        }

        var activeSessions = (await sessions.ListAsync(userId, cancellationToken)).Count;
        return View(new AccountDetailsViewModel(account, providers.All, IsSelf(userId), activeSessions, message));
    }

    [HttpGet("{userId:guid}/refresh")]
    public Task<IActionResult> ConfirmRefresh(Guid userId, string? provider, CancellationToken cancellationToken) =>
        ConfirmAsync(userId, AccountAction.Refresh, provider, cancellationToken);

    [HttpPost("{userId:guid}/refresh")]
    public async Task<IActionResult> Refresh(Guid userId, string? provider, bool confirmed, CancellationToken cancellationToken)
    {
        var (answer, account, scheme) = await BeforeActingAsync(userId, AccountAction.Refresh, provider, confirmed, cancellationToken);
        if (answer is not null)
        {
            return answer;
        }

        var externalUserId = account!.Connections.FirstOrDefault(c => c.Provider == scheme)?.ProviderUserId;
        var admin = await AdminAsync(cancellationToken);

        var (outcome, detail, failure) = await ForceRefreshAsync(userId, scheme!);
        await audit.RecordAsync(AuditAction.RefreshForced, admin, new AuditActor(userId, account.User.DisplayName), scheme, externalUserId, detail);
        LogRefreshForced(logger, scheme!, userId, admin.UserId, detail);
        return RedirectToAction(nameof(Details), new { userId, outcome, provider = scheme, failure });
    }

    [HttpGet("{userId:guid}/unlink")]
    public Task<IActionResult> ConfirmUnlink(Guid userId, string? provider, CancellationToken cancellationToken) =>
        ConfirmAsync(userId, AccountAction.Unlink, provider, cancellationToken);

    [HttpPost("{userId:guid}/unlink")]
    public async Task<IActionResult> Unlink(Guid userId, string? provider, bool confirmed, CancellationToken cancellationToken)
    {
        var (answer, _, scheme) = await BeforeActingAsync(userId, AccountAction.Unlink, provider, confirmed, cancellationToken);
        if (answer is not null)
        {
            return answer;
        }

        // An admin may unlink anyone's last account (they can still delete it), but not their own: that would leave an
        // admin nobody can sign in as, around the rule that the portal keeps one.
        var keepSignInWith = IsSelf(userId) ? providers.Enabled.Select(p => p.Scheme).ToList() : null;
        var outcome = await accounts.UnlinkAsync(userId, scheme!, await AdminAsync(cancellationToken), keepSignInWith, User.FindSessionId(), cancellationToken) switch
        {
            UnlinkOutcome.Unlinked => AccountOutcome.Unlinked,
            UnlinkOutcome.LastWayToSignIn => AccountOutcome.OwnLastWayToSignIn,
            _ => AccountOutcome.NotLinked,
        };
        return RedirectToAction(nameof(Details), new { userId, outcome, provider = scheme });
    }

    [HttpGet("{userId:guid}/grant-admin")]
    public Task<IActionResult> ConfirmGrantAdmin(Guid userId, CancellationToken cancellationToken) =>
        ConfirmAsync(userId, AccountAction.GrantAdmin, null, cancellationToken);

    [HttpPost("{userId:guid}/grant-admin")]
    public Task<IActionResult> GrantAdmin(Guid userId, bool confirmed, CancellationToken cancellationToken) =>
        SetAdminAsync(userId, AccountAction.GrantAdmin, confirmed, cancellationToken);

    [HttpGet("{userId:guid}/revoke-admin")]
    public Task<IActionResult> ConfirmRevokeAdmin(Guid userId, CancellationToken cancellationToken) =>
        ConfirmAsync(userId, AccountAction.RevokeAdmin, null, cancellationToken);

    [HttpPost("{userId:guid}/revoke-admin")]
    public Task<IActionResult> RevokeAdmin(Guid userId, bool confirmed, CancellationToken cancellationToken) =>
        SetAdminAsync(userId, AccountAction.RevokeAdmin, confirmed, cancellationToken);

    [HttpGet("{userId:guid}/delete")]
    public Task<IActionResult> ConfirmDelete(Guid userId, CancellationToken cancellationToken) =>
        ConfirmAsync(userId, AccountAction.Delete, null, cancellationToken);

    [HttpPost("{userId:guid}/delete")]
    public async Task<IActionResult> Delete(Guid userId, bool confirmed, CancellationToken cancellationToken)
    {
        if ((await BeforeActingAsync(userId, AccountAction.Delete, null, confirmed, cancellationToken)).Answer is { } answer)
        {
            return answer;
        }

        switch (await accounts.DeleteAsync(userId, await AdminAsync(cancellationToken), cancellationToken))
        {
            case DeleteOutcome.Deleted when IsSelf(userId):
                await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Redirect("/");
            case DeleteOutcome.Deleted:
                return RedirectToAction(nameof(Index), new { outcome = AccountOutcome.Deleted });
            case DeleteOutcome.LastAdmin:
                return RedirectToAction(nameof(Details), new { userId, outcome = AccountOutcome.LastAdminNotDeleted });
            default:
                return NotFound();
        }
    }

    [HttpGet("{userId:guid}/end-sessions")]
    public Task<IActionResult> ConfirmEndSessions(Guid userId, CancellationToken cancellationToken) =>
        ConfirmAsync(userId, AccountAction.EndSessions, null, cancellationToken);

    /// <summary>Ends every session of the user (audited); an admin ending their own keeps the one they act from.</summary>
    [HttpPost("{userId:guid}/end-sessions")]
    public async Task<IActionResult> EndSessions(Guid userId, bool confirmed, CancellationToken cancellationToken)
    {
        if ((await BeforeActingAsync(userId, AccountAction.EndSessions, null, confirmed, cancellationToken)).Answer is { } answer)
        {
            return answer;
        }

        await sessions.EndAllAsync(userId, keep: IsSelf(userId) ? User.FindSessionId() : null, await AdminAsync(cancellationToken), cancellationToken);
        return RedirectToAction(nameof(Details), new { userId, outcome = AccountOutcome.SessionsEnded });
    }

    /// <summary>
    /// Refreshes the connection's token now and says what came of it, as a code for the page and one for the audit log.
    /// The refresh is waited for even if the admin's request goes away meanwhile, so that its outcome is audited.
    /// </summary>
    private async Task<(AccountOutcome Outcome, string Detail, UpstreamFailure? Failure)> ForceRefreshAsync(Guid userId, string provider)
    {
        if (!providers.IsEnabled(provider))
        {
            return (AccountOutcome.RefreshProviderOff, "ProviderOff", null);
        }

        try
        {
            await accessTokens.RefreshNowAsync(userId, provider, CancellationToken.None);
            return (AccountOutcome.Refreshed, RefreshOutcomes.Refreshed, null);
        }
        catch (ReconnectRequiredException)
        {
            return (AccountOutcome.RefreshNeedsReconnect, "ReconnectRequired", null);
        }
        catch (ProviderUnavailableException unavailable)
        {
            return (AccountOutcome.RefreshFailed, RefreshOutcomes.Failed(unavailable.Failure), unavailable.Failure);
        }
        catch (ProviderNotConnectedException)
        {
            return (AccountOutcome.RefreshNotConnected, "NotConnected", null);
        }
    }

    private async Task<IActionResult> SetAdminAsync(Guid userId, AccountAction action, bool confirmed, CancellationToken cancellationToken)
    {
        if ((await BeforeActingAsync(userId, action, null, confirmed, cancellationToken)).Answer is { } answer)
        {
            return answer;
        }

        var result = await accounts.SetAdminAsync(userId, action == AccountAction.GrantAdmin, await AdminAsync(cancellationToken), cancellationToken);
        if (result == AdminRoleOutcome.Revoked && IsSelf(userId))
        {
            // The admin pages are no longer theirs: the details page would answer 403.
            return Redirect("/");
        }

        AccountOutcome? outcome = result switch
        {
            AdminRoleOutcome.Granted => AccountOutcome.AdminGranted,
            AdminRoleOutcome.Revoked => AccountOutcome.AdminRevoked,
            AdminRoleOutcome.Unchanged => AccountOutcome.AdminUnchanged,
            AdminRoleOutcome.LastAdmin => AccountOutcome.LastAdminNotRevoked,
            _ => null,
        };
        return outcome is null ? NotFound() : RedirectToAction(nameof(Details), new { userId, outcome });
    }

    /// <summary>The confirmation page of an action, or 404 for an unknown user or a connection they do not have.</summary>
    private async Task<IActionResult> ConfirmAsync(Guid userId, AccountAction action, string? provider, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(userId, cancellationToken) is not { } account)
        {
            return NotFound();
        }

        return Confirmation(account, action, provider is null ? null : providers.Find(provider)) is { } model ? View("Confirm", model) : NotFound();
    }

    /// <summary>
    /// Answers a POST that cannot act: 404 for an unknown user or provider, the confirmation page when it was not
    /// confirmed. A confirmed action on a connection that is gone meanwhile goes ahead and says so.
    /// </summary>
    private async Task<(IActionResult? Answer, AccountWithConnections? Account, string? Provider)> BeforeActingAsync(
        Guid userId, AccountAction action, string? provider, bool confirmed, CancellationToken cancellationToken)
    {
        var account = await directory.FindAsync(userId, cancellationToken);
        var known = provider is null ? null : providers.Find(provider);
        if (account is null || (IsAboutConnection(action) && known is null))
        {
            return (NotFound(), null, null);
        }

        if (!confirmed)
        {
            return (Confirmation(account, action, known) is { } model ? View("Confirm", model) : NotFound(), null, null);
        }

        return (null, account, known?.Scheme);
    }

    private ConfirmActionViewModel? Confirmation(AccountWithConnections account, AccountAction action, ExternalProvider? provider)
    {
        if (!IsAboutConnection(action))
        {
            return new ConfirmActionViewModel(account.User, action, null, null, IsSelf(account.User.Id));
        }

        var connection = provider is null ? null : account.Connections.FirstOrDefault(c => c.Provider == provider.Scheme);
        return connection is null ? null : new ConfirmActionViewModel(account.User, action, connection, provider!.DisplayName, IsSelf(account.User.Id));
    }

    private static bool IsAboutConnection(AccountAction action) => action is AccountAction.Refresh or AccountAction.Unlink;

    private bool IsSelf(Guid userId) => User.GetUserId() == userId;

    /// <summary>The signed-in admin as the audit log names them, from the read of their row the admin policy made.</summary>
    private async Task<AuditActor> AdminAsync(CancellationToken cancellationToken)
    {
        var adminId = User.GetUserId();
        return (await users.FindAsync(adminId, cancellationToken))?.Actor ?? new AuditActor(adminId, null);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Admin {ActorUserId} had the {Provider} token of portal user {UserId} refreshed: {Outcome}")]
    private static partial void LogRefreshForced(ILogger logger, string provider, Guid userId, Guid? actorUserId, string outcome);
}
