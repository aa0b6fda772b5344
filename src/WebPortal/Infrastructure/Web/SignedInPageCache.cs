using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using WebPortal.Authentication;
using WebPortal.Data;
using WebPortal.Scaling;
using WebPortal.Sessions;

namespace WebPortal.Infrastructure.Web;

/// <summary>
/// Keeps the rendered HTML of a signed-in page for the session that asked (the framework's output cache), so that a
/// page view in steady state renders nothing: varied by the session, the anti-forgery cookie its forms' tokens belong
/// to and the UI language, tagged with the user (<see cref="UserCache"/>), whose every change evicts it, and kept no
/// longer than <see cref="UserCache.Lifetime"/>. The session is checked on every request before the cache is asked:
/// an ended session never sees a cached page. Nothing is kept or served while this instance may miss another's
/// change (<see cref="IPeerInstances.CachesAreInSync"/>). Only a plain GET (no query string) answered 200 without a cookie is kept.
/// </summary>
public sealed class SignedInPageCache(IOptions<AntiforgeryOptions> antiforgery, IPeerInstances peers) : IOutputCachePolicy
{
    public const string PolicyName = "SignedInPage";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var sessionId = http.User.FindSessionId();
        var userId = http.User.FindUserId();
        var cacheable = HttpMethods.IsGet(http.Request.Method) && http.Request.Query.Count == 0 && sessionId is not null && userId is not null && peers.CachesAreInSync;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (cacheable)
        {
            context.ResponseExpirationTimeSpan = UserCache.Lifetime;
            context.CacheVaryByRules.VaryByValues["session"] = sessionId!.Value.ToString("N");
            context.CacheVaryByRules.VaryByValues["antiforgery"] = http.Request.Cookies[antiforgery.Value.Cookie.Name!] ?? "";
            context.CacheVaryByRules.VaryByValues["culture"] = Thread.CurrentThread.CurrentUICulture.Name;
            context.Tags.Add(UserCache.Tag(userId!.Value));
            context.Tags.Add(UserCache.EveryUserTag);
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
