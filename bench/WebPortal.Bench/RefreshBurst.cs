using System.Diagnostics;
using System.Net;

namespace WebPortal.Bench;

/// <summary>
/// Many requests of one person at once while their access token is due for a refresh: the portal should refresh it
/// once, and every request should still show the profile. With several instances, the requests take turns over them
/// (request i goes to instance i mod n), and still one refresh should reach the provider.
/// </summary>
internal static class RefreshBurst
{
    /// <summary>Two seconds beyond the portal's default 60 s refresh skew, so a token issued now is due 2 s from now.</summary>
    private static readonly TimeSpan ShortTokenLifetime = TimeSpan.FromSeconds(62);

    private static readonly TimeSpan WaitUntilDue = TimeSpan.FromSeconds(3);

    public static Task<RefreshResult> RunAsync(Uri portal, KlasCementStandIn standIn, int requests) => RunAsync([portal], standIn, requests);

    /// <summary>Signs in through the first of <paramref name="instances"/>, then spreads the burst over all of them.</summary>
    public static async Task<RefreshResult> RunAsync(IReadOnlyList<Uri> instances, KlasCementStandIn standIn, int requests)
    {
        // Jan Janssens, not An Peeters: a connection of its own, untouched by the throughput runs.
        var options = standIn.Sandbox.Options;
        var usualLifetime = options.AccessTokenLifetime;
        options.AccessTokenLifetime = ShortTokenLifetime;
        SignedInSession session;
        try
        {
            session = await SignIn.ToPortalAsync(instances[0], Members.JanJanssens, Members.JanJanssensName);
        }
        finally
        {
            options.AccessTokenLifetime = usualLifetime;
        }

        await Task.Delay(WaitUntilDue);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = requests, UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

        // Open every connection first (the start page uses no token), so that the burst itself is not spread out by connecting.
        await Task.WhenAll(Enumerable.Range(0, requests).Select(i => GetAsync(client, new Uri(instances[i % instances.Count], "/"), session, expectedText: null)));

        var refreshesBefore = standIn.Sandbox.RefreshRequests;
        var elapsed = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, requests).Select(i => GetAsync(client, new Uri(instances[i % instances.Count], "/profile"), session, Members.JanJanssensName)));
        elapsed.Stop();

        return new RefreshResult(
            instances.Count,
            requests,
            answers.Count(ok => ok),
            standIn.Sandbox.RefreshRequests - refreshesBefore,
            elapsed.Elapsed);
    }

    private static async Task<bool> GetAsync(HttpClient client, Uri uri, SignedInSession session, string? expectedText)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Cookie", session.CookieHeader);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && (expectedText is null || body.Contains(expectedText, StringComparison.Ordinal));
    }
}

/// <param name="Instances">Portal instances the requests were spread over.</param>
/// <param name="Requests">Concurrent GET /profile requests of the one session.</param>
/// <param name="ShowedProfile">Requests answered 200 with the member's profile.</param>
/// <param name="RefreshCalls">Calls the stand-in's refresh endpoint received meanwhile.</param>
/// <param name="Elapsed">From the first request sent to the last answer.</param>
internal sealed record RefreshResult(int Instances, int Requests, int ShowedProfile, int RefreshCalls, TimeSpan Elapsed);
