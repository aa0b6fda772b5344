using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WebPortal.Areas.Admin.ViewModels.Audit;
using WebPortal.Audit;
using WebPortal.Authentication.Admins;
using WebPortal.Data;

namespace WebPortal.Areas.Admin.Controllers;

/// <summary>The audit log for admins: newest first, filterable by user and action, 50 entries a page.</summary>
[Area("Admin")]
[Authorize(Policy = PortalPolicies.Admin)]
[Route("admin/audit")]
public sealed class AuditController(AuditLogReader reader, PortalDbContext db) : Controller
{
    /// <param name="user">A portal user id: entries in which they acted or were acted on.</param>
    /// <param name="auditAction">An <see cref="AuditAction"/> name (the <c>action</c> query parameter, which MVC's own route value would shadow).</param>
    /// <param name="page">From 1.</param>
    [HttpGet("")]
    public async Task<IActionResult> Index(string? user, [FromQuery(Name = "action")] string? auditAction, string? page, CancellationToken cancellationToken)
    {
        var ignored = new List<IgnoredAuditFilter>();
        Guid? userId = null;
        if (!string.IsNullOrWhiteSpace(user))
        {
            if (Guid.TryParse(user, out var parsed))
            {
                userId = parsed;
            }
            else
            {
                ignored.Add(IgnoredAuditFilter.User);
            }
        }

        AuditAction? action = null;
        if (!string.IsNullOrWhiteSpace(auditAction))
        {
            // By name only: Enum.TryParse would take a number too.
            if (AuditLogViewModel.Actions.FirstOrDefault(name => string.Equals(name, auditAction.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                action = Enum.Parse<AuditAction>(name);
            }
            else
            {
                ignored.Add(IgnoredAuditFilter.Action);
            }
        }

        var pageNumber = int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 1;
        var filter = new AuditLogFilter(userId, action);
        var entries = await reader.ReadAsync(filter, pageNumber, cancellationToken);
        var userName = userId is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        return View(new AuditLogViewModel(filter, entries, userName, ignored));
    }
}
