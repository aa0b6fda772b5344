using System.Globalization;
using WebPortal.Audit;
using WebPortal.Data;

namespace WebPortal.Areas.Admin.ViewModels.Audit;

/// <param name="UserName">The filtered user's current display name; null when they no longer exist or no user filter applies.</param>
/// <param name="IgnoredFilters">Filters given in the address that could not be read and were left out.</param>
public sealed record AuditLogViewModel(AuditLogFilter Filter, AuditLogPage Entries, string? UserName, IReadOnlyList<IgnoredAuditFilter> IgnoredFilters)
{
    public static IReadOnlyList<string> Actions { get; } = Enum.GetNames<AuditAction>();

    public string? NewerPage => Entries.Page > 1 ? PageUrl(Entries.Page - 1) : null;

    public string? OlderPage => Entries.HasOlder ? PageUrl(Entries.Page + 1) : null;

    public string FirstPage => PageUrl(1);

    /// <summary>The log's address with the filters kept.</summary>
    public string PageUrl(int page)
    {
        var query = new List<string>();
        if (Filter.UserId is { } userId)
        {
            query.Add($"user={userId:D}");
        }

        if (Filter.Action is { } action)
        {
            query.Add($"action={action}");
        }

        if (page > 1)
        {
            query.Add($"page={page.ToString(CultureInfo.InvariantCulture)}");
        }

        return query.Count == 0 ? AuditPaths.Index : $"{AuditPaths.Index}?{string.Join('&', query)}";
    }
}

public enum IgnoredAuditFilter
{
    /// <summary><c>user</c> is not a portal user id.</summary>
    User,

    /// <summary><c>action</c> is not an action the log records.</summary>
    Action,
}

public static class AuditPaths
{
    public const string Index = "/admin/audit";

    /// <summary>The admin page of one portal user.</summary>
    public static string Account(Guid userId) => $"/admin/accounts/{userId:D}";
}
