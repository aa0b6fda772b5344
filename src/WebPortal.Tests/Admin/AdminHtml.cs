using System.Net;
using System.Text.RegularExpressions;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Admin;

/// <summary>What the tests read from the admin pages' HTML: the list's rows in order, its counts and links.</summary>
public static partial class AdminHtml
{
    /// <summary>The users on a page of the list, in the order shown: their id and name as the browser shows it.</summary>
    public static List<(Guid Id, string Name)> Rows(this PortalPage page) =>
        [.. Row().Matches(page.Html).Select(m => (Guid.Parse(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))];

    public static List<string> Names(this PortalPage page) => [.. page.Rows().Select(r => r.Name)];

    /// <summary>A number the list's container carries: <c>total</c>, <c>page</c> or <c>pages</c>.</summary>
    public static int ListNumber(this PortalPage page, string name)
    {
        var match = Regex.Match(page.Html, $"data-testid=\"admin-accounts\"[^>]* data-{name}=\"(\\d+)\"");
        Assert.True(match.Success, $"No data-{name} on the list:\n{page.Html}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The href of the link with this test id, decoded as the browser would follow it.</summary>
    public static string? Link(this PortalPage page, string testId)
    {
        var match = Regex.Match(page.Html, $"<a href=\"([^\"]*)\"[^>]* data-testid=\"{testId}\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The sentence that tells the admin what came of an action, or null.</summary>
    public static string? Outcome(this PortalPage page)
    {
        var match = Regex.Match(page.Html, "data-testid=\"admin-outcome\">([^<]*)<");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<tr data-testid=\"admin-account-row\" data-user-id=\"([^\"]+)\">\\s*<td>\\s*<a href=\"[^\"]*\" data-testid=\"admin-account-name\">([^<]*)</a>")]
    private static partial Regex Row();
}
