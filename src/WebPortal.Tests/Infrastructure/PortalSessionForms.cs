using System.Net;
using Microsoft.EntityFrameworkCore;
using WebPortal.Data;

namespace WebPortal.Tests.Infrastructure;

/// <summary>Submitting the portal's own forms, and reading what the portal recorded, as the account and audit tests need.</summary>
public static class PortalSessionForms
{
    /// <summary>
    /// Opens <paramref name="pagePath"/>, takes its anti-forgery token and posts to <paramref name="action"/> the way
    /// the page's form does. The answer is returned as it is, redirects not followed.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this PortalSession browser, string pagePath, string action, IReadOnlyDictionary<string, string>? fields = null) =>
        await browser.PostWithTokenAsync(action, await browser.GetAntiforgeryTokenAsync(pagePath), fields);

    /// <summary>Posts to <paramref name="action"/> with an anti-forgery token read earlier, as a page left open would.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(this PortalSession browser, string action, string antiforgeryToken, IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = new Dictionary<string, string>(fields ?? new Dictionary<string, string>())
        {
            ["__RequestVerificationToken"] = antiforgeryToken,
        };
        return await browser.Portal.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Posts the form as <see cref="PostFormAsync"/> does, expects a redirect and returns the page it leads to.</summary>
    public static async Task<PortalPage> SubmitAsync(this PortalSession browser, string pagePath, string action)
    {
        using var response = await browser.PostFormAsync(pagePath, action);
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"POST {action} answered {(int)response.StatusCode}.");
        return await browser.GetAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>Connects another provider from a page's sign-in button (Connect, Reconnect), returning to <paramref name="returnUrl"/>; returns where the portal sends the browser.</summary>
    public static async Task<Uri> StartConnectAsync(this PortalSession browser, string pagePath, string provider, string returnUrl)
    {
        using var response = await browser.PostFormAsync(pagePath, $"/account/signin/{provider}", new Dictionary<string, string> { ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Every audit entry, oldest first.</summary>
    public static Task<List<AuditEntry>> AuditEntriesAsync(this PortalFactory portal) =>
        portal.WithDatabaseAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
}
