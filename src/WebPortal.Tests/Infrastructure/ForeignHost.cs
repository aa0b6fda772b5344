using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WebPortal.Tests.Infrastructure;

/// <summary>
/// A host that is not the provider, on its own loopback port, where a misbehaving provider redirects the portal. It
/// records every request it gets, whole, and answers each with <see cref="Answer"/>: an answer the portal would
/// accept, so that following the redirect would show.
/// </summary>
public sealed class ForeignHost : IAsyncDisposable
{
    /// <summary>A marker in every answer: a page that shows it showed the foreign host's content.</summary>
    public const string Marker = "Foreign Host Content";

    private readonly ConcurrentQueue<ForeignRequest> _requests = new();
    private WebApplication? _app;

    public string BaseUrl => _app!.Urls.First();

    /// <summary>Where the provider sends the portal, with a query of its own.</summary>
    public string Url => $"{BaseUrl}/collect?from=provider";

    /// <summary>Every request the host got, in order.</summary>
    public IReadOnlyCollection<ForeignRequest> Requests => _requests;

    /// <summary>The JSON every request is answered with; by default something a token endpoint, the profile API and the agenda API all accept.</summary>
    public string Answer { get; set; } = $$"""
        {
          "access_token": "foreign-access-token", "refresh_token": "foreign-refresh-token", "token_type": "bearer",
          "expires_in": 3600, "user_id": "532abc50af2c8",
          "content": { "objects": [ { "id": "532abc50af2c8", "first_name": "{{Marker}}", "surname": "{{Marker}}" } ] },
          "totalResults": 1, "startIndex": 0, "itemsPerPage": 1,
          "entry": [ { "id": "foreign-1", "start": "{{DateTimeOffset.UtcNow:yyyy-MM-dd}}T10:00:00+00:00", "end": "{{DateTimeOffset.UtcNow:yyyy-MM-dd}}T11:00:00+00:00", "subject": "{{Marker}}" } ]
        }
        """;

    public static async Task<ForeignHost> StartAsync()
    {
        var host = new ForeignHost();
        host._app = await LoopbackServer.StartAsync(_ => { }, app => app.Run(host.RecordAndAnswerAsync));
        return host;
    }

    private async Task RecordAndAnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new ForeignRequest(
            context.Request.Method,
            $"{context.Request.Path}{context.Request.QueryString}",
            string.Join('\n', context.Request.Headers.Select(header => $"{header.Key}: {header.Value}")),
            body));
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Answer, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>A request as the foreign host got it: everything a secret could travel in.</summary>
public sealed record ForeignRequest(string Method, string PathAndQuery, string Headers, string Body)
{
    public string AllText => $"{Method} {PathAndQuery}\n{Headers}\n{Body}";
}
