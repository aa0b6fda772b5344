using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using WebPortal.Areas.Admin.Accounts;
using WebPortal.Authentication;
using WebPortal.Localization;

namespace WebPortal.Areas.Admin.ViewModels.Accounts;

/// <summary>The admin list: one page of users with their connections, the search form's values and the paging links.</summary>
public sealed record AccountListViewModel(AccountPage Page, IReadOnlyList<ExternalProvider> Providers, OutcomeMessage? Outcome)
{
    public const string Path = "/admin/accounts";

    public AccountListQuery Query => Page.Query;

    /// <summary>The page asked for lies beyond the last one (there are users, but not that many).</summary>
    public bool IsBeyondLastPage => Page.Accounts.Count == 0 && Page.Total > 0;

    public bool HasPrevious => Query.Page > 1 && !IsBeyondLastPage;

    public bool HasNext => Query.Page < Page.Pages;

    /// <summary>This list at another page, with the same search, filters, sort and size.</summary>
    public string PageLink(int page) => QueryHelpers.AddQueryString(Path, Query.RouteValues(page));

    public string ProviderName(string scheme) => Providers.FirstOrDefault(p => p.Scheme == scheme)?.DisplayName ?? scheme;

    /// <summary>Why part of the query string was not applied, in the page's own words.</summary>
    public IEnumerable<string> IgnoredNotices(IStringLocalizer<Text> text) => Query.Ignored.Select(name => name switch
    {
        "provider" => text["The provider filter was ignored: it names no provider the portal knows ({0}).", string.Join(", ", Providers.Select(p => p.Scheme))].Value,
        "state" => text["The state filter was ignored: use Active or NeedsReconnect."].Value,
        "sort" => text["The sort order was not known: the list is sorted by last sign-in. Use lastSignIn or name."].Value,
        _ => text["The {0} parameter was ignored.", name].Value,
    });
}
