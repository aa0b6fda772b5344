using System.Net;
using Microsoft.EntityFrameworkCore;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Scaling;

/// <summary>
/// PostgreSQL going away under two running instances (<see cref="InstancePair"/>) and coming back: on a cluster of
/// the test's own (<see cref="PostgreSqlServer.StartDedicatedAsync"/>), so that the tests sharing the process's
/// server go on meanwhile.
/// </summary>
public sealed class DatabaseOutageTests
{
    /// <summary>How long an answer may take while the database is down: a refused connection is known at once.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task While_PostgreSQL_is_down_neither_instance_is_ready_and_its_pages_say_so_and_once_it_is_back_the_session_and_connection_are_still_there()
    {
        await using var postgreSql = await PostgreSqlServer.StartDedicatedAsync();
        await using var pair = await InstancePair.StartAsync(new InstancePairOptions
        {
            Database = await TestDatabase.CreateOnAsync(postgreSql),
            RequestTimeout = RequestTimeout,
        });
        await pair.SignInAsync();
        Assert.Equal((HttpStatusCode.OK, true), await pair.AgendaAsync(onFirst: false));

        // Another person is at B2C's page when PostgreSQL goes: their callback needs the database to sign them in.
        using var otherBrowser = new OtherBrowser(pair.Second.BaseUrl);
        var callback = await otherBrowser.AnswerMyOrganizerAsync();

        await postgreSql.StopAsync();

        Assert.True(
            await InstancePair.WithinAsync(TimeSpan.FromSeconds(5), async () => await pair.ReadinessAsync(onFirst: true) == HttpStatusCode.ServiceUnavailable && await pair.ReadinessAsync(onFirst: false) == HttpStatusCode.ServiceUnavailable),
            "Both instances should not be ready within 5 s of PostgreSQL going down.");
        foreach (var onFirst in new[] { true, false })
        {
            // Both read the database on every request: the person's sessions, and the stored token (Tokens:CacheDuration 0).
            foreach (var path in new[] { "/account", "/agenda" })
            {
                AssertOutagePage(await pair.PageAsync(path, onFirst), $"{path} on the {(onFirst ? "first" : "second")} instance", postgreSql.Port);
            }
        }

        var (status, landing) = await otherBrowser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/account/signin-error?provider=MyOrganizer&reason=DatabaseUnavailable&", landing, StringComparison.Ordinal);
        var signInError = await otherBrowser.GetAsync(new Uri(landing, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, signInError.Status);
        Assert.Contains("data-testid=\"signin-error\" data-reason=\"DatabaseUnavailable\"", signInError.Html, StringComparison.Ordinal);
        AssertTellsNothingOfTheInside(signInError.Html, "the sign-in error page", postgreSql.Port);

        await postgreSql.StartAgainAsync();

        Assert.True(
            await InstancePair.WithinAsync(TimeSpan.FromSeconds(30), async () => await pair.ReadinessAsync(onFirst: true) == HttpStatusCode.OK && await pair.ReadinessAsync(onFirst: false) == HttpStatusCode.OK),
            "Both instances should be ready again within 30 s of PostgreSQL coming back.");
        Assert.Equal((HttpStatusCode.OK, true), await pair.AgendaAsync(onFirst: true));
        Assert.Equal((HttpStatusCode.OK, true), await pair.AgendaAsync(onFirst: false));
        Assert.Equal("Active", await pair.MyOrganizerStateAsync(onFirst: true));
        Assert.Equal("Active", await pair.MyOrganizerStateAsync(onFirst: false));
        await using var db = pair.Database.OpenContext();
        Assert.Single(await db.Sessions.AsNoTracking().ToListAsync());
        Assert.Single(await db.Connections.AsNoTracking().ToListAsync());
    }

    /// <summary>The portal's error page for an outage: 503, saying the portal is unavailable for now.</summary>
    private static void AssertOutagePage((HttpStatusCode Status, string Html) page, string what, int port)
    {
        Assert.True(page.Status == HttpStatusCode.ServiceUnavailable, $"{what} answered {(int)page.Status} while PostgreSQL was down:\n{page.Html}");
        Assert.Contains("data-testid=\"error-page\" data-status=\"503\" data-cause=\"database\"", page.Html, StringComparison.Ordinal);
        AssertTellsNothingOfTheInside(page.Html, what, port);
    }

    /// <summary>Nothing of what went wrong inside the portal: no exception, no stack frame, nothing of the connection string.</summary>
    private static void AssertTellsNothingOfTheInside(string html, string what, int port)
    {
        foreach (var detail in new[] { "Exception", "Npgsql", "   at ", "StackTrace", "Host=", "Password", "password", "postgres", "Failed to connect", $"127.0.0.1:{port}" })
        {
            Assert.False(html.Contains(detail, StringComparison.Ordinal), $"{what} shows '{detail}' while PostgreSQL was down:\n{html}");
        }
    }

    /// <summary>A second person's browser, signing in with MyOrganizer through one instance.</summary>
    private sealed class OtherBrowser : IDisposable
    {
        private readonly LoopbackCookieJar _jar = new();
        private readonly HttpClient _provider = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = RequestTimeout };
        private readonly HttpClient _portal;

        public OtherBrowser(Uri portal) => _portal = new HttpClient(_jar, disposeHandler: false) { BaseAddress = portal, Timeout = RequestTimeout };

        /// <summary>Starts a sign-in as Pieter Claes and answers B2C's page; returns the portal's callback, not yet followed.</summary>
        public async Task<Uri> AnswerMyOrganizerAsync()
        {
            var script = new SignInScript(_portal, _provider);
            return await script.AnswerMyOrganizerAsync(await script.StartAsync("MyOrganizer"), Customers.PieterClaes);
        }

        /// <summary>A page as the browser gets it: its status, and its HTML or, for a redirect, where it sends the browser.</summary>
        public async Task<(HttpStatusCode Status, string Html)> GetAsync(Uri address)
        {
            using var answer = await _portal.GetAsync(address);
            return (answer.StatusCode, answer.Headers.Location?.OriginalString ?? await answer.Content.ReadAsStringAsync());
        }

        public void Dispose()
        {
            _portal.Dispose();
            _jar.Dispose();
            _provider.Dispose();
        }
    }
}
