using System.Net;
using Microsoft.EntityFrameworkCore;
using WebPortal.Authentication;
using WebPortal.Tests.Infrastructure;

namespace WebPortal.Tests.Scaling;

/// <summary>How to start an <see cref="InstancePair"/>; only what differs from the usual pair needs saying.</summary>
public sealed record InstancePairOptions
{
    /// <summary>The database both instances use, which the pair takes over; a new one on the tests' server when not given.</summary>
    public TestDatabase? Database { get; init; }

    /// <summary>Whether the instances share a Redis server; without it each has its own memory and hears nothing of the other.</summary>
    public bool WithRedis { get; init; } = true;

    /// <summary>How long a request of the browser may take before it counts as hanging.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);
}

/// <summary>
/// The MyOrganizer stand-in, the database, Redis and two portal processes, as behind a load balancer, and one
/// browser's cookie jar for both, whose requests go to either.
/// </summary>
public sealed class InstancePair : IAsyncDisposable
{
    private const string AgendaShown = "data-state=\"Shown\"";

    private readonly LoopbackCookieJar _jar = new();
    private readonly HttpClient _provider = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly HttpClient _toFirst;
    private readonly HttpClient _toSecond;
    private readonly RedisServer? _redis;

    private InstancePair(MyOrganizerStandIn myOrganizer, TestDatabase database, RedisServer? redis, PortalProcess first, PortalProcess second, TimeSpan requestTimeout)
    {
        MyOrganizer = myOrganizer;
        Database = database;
        _redis = redis;
        First = first;
        Second = second;

        // One browser: the same cookies whichever instance the load balancer picks (both are on localhost).
        _toFirst = new HttpClient(_jar, disposeHandler: false) { BaseAddress = first.BaseUrl, Timeout = requestTimeout };
        _toSecond = new HttpClient(_jar, disposeHandler: false) { BaseAddress = second.BaseUrl, Timeout = requestTimeout };
    }

    public MyOrganizerStandIn MyOrganizer { get; }

    public TestDatabase Database { get; }

    public RedisServer Redis => _redis ?? throw new InvalidOperationException("This pair runs without Redis.");

    public PortalProcess First { get; }

    public PortalProcess Second { get; }

    public static async Task<InstancePair> StartAsync(InstancePairOptions? options = null)
    {
        options ??= new InstancePairOptions();
        var first = PortalProcess.NewBaseUrl();
        var second = PortalProcess.NewBaseUrl();
        var myOrganizer = await MyOrganizerStandIn.StartAsync([MyOrganizerStandIn.CallbackOf(first), MyOrganizerStandIn.CallbackOf(second)]);
        var database = options.Database ?? TestDatabase.Create();
        var redis = options.WithRedis ? await RedisServer.StartAsync() : null;
        var settings = new Dictionary<string, string?>(database.PortalSettings)
        {
            // Every request reads the stored token, so that a test can expire it in the database.
            ["Tokens:CacheDuration"] = "00:00:00",
            ["Tokens:RefreshFailureBackoff"] = "00:00:00",
        };
        if (redis is not null)
        {
            settings["Redis:Configuration"] = redis.Configuration;
        }

        // One after the other: the second finds the database migrated (starting together is tested on its own).
        PortalProcess? firstInstance = null;
        try
        {
            firstInstance = await PortalProcess.StartAsync(Options(first));
            var secondInstance = await PortalProcess.StartAsync(Options(second));
            return new InstancePair(myOrganizer, database, redis, firstInstance, secondInstance, options.RequestTimeout);
        }
        catch (PortalStartException)
        {
            if (firstInstance is not null)
            {
                await firstInstance.DisposeAsync();
            }

            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            await myOrganizer.DisposeAsync();
            await database.DisposeAsync();
            throw;
        }

        PortalProcessOptions Options(Uri baseUrl) => new()
        {
            BaseUrl = baseUrl,
            StandIns = [myOrganizer],
            Settings = settings,
        };
    }

    /// <summary>Signs Lotte Maes in with MyOrganizer through the first instance.</summary>
    public async Task SignInAsync()
    {
        var script = new SignInScript(_toFirst, _provider);
        var callback = await script.AnswerMyOrganizerAsync(await script.StartAsync("MyOrganizer"), Customers.LotteMaes);
        using var landed = await _toFirst.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
    }

    /// <summary>As if the access token's time had passed: every instance must refresh it at its next use.</summary>
    public async Task ExpireStoredAccessTokenAsync()
    {
        await using var db = Database.OpenContext();
        var expired = DateTimeOffset.UtcNow.AddMinutes(-1);
        Assert.Equal(1, await db.Connections.ExecuteUpdateAsync(c => c.SetProperty(connection => connection.AccessTokenExpiresAt, expired)));
    }

    /// <summary>Signs the browser out on one instance, which ends its session.</summary>
    public async Task SignOutAsync(bool onFirst)
    {
        var client = onFirst ? _toFirst : _toSecond;
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        var token = SignInScript.AntiforgeryToken(await home.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("No anti-forgery token on the start page.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var signedOut = await client.PostAsync(new Uri("/account/signout", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
    }

    /// <summary>The browser's session cookie as it is now, to be sent after the browser dropped it.</summary>
    public CopiedCookie CopyOfTheSessionCookie()
    {
        var session = Assert.Single(_jar.CookiesOf(First.BaseUrl, ""), cookie => cookie.Key.EndsWith(AuthenticationExtensions.SessionCookieName, StringComparison.Ordinal));
        return new CopiedCookie($"{session.Key}={session.Value}");
    }

    /// <summary>The status of "My accounts" from one instance with <paramref name="cookie"/>: 200, or a redirect to sign in.</summary>
    public async Task<HttpStatusCode> AccountPageStatusAsync(CopiedCookie cookie, bool onFirst)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(onFirst ? First.BaseUrl : Second.BaseUrl, "/account"));
        request.Headers.Add("Cookie", cookie.Header);
        using var answer = await cookie.Client.SendAsync(request);
        return answer.StatusCode;
    }

    /// <summary>The state the MyOrganizer connection has on one instance's "My accounts".</summary>
    public async Task<string?> MyOrganizerStateAsync(bool onFirst)
    {
        using var answer = await (onFirst ? _toFirst : _toSecond).GetAsync(new Uri("/account", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        return System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"connection-MyOrganizer\" data-state=\"([A-Za-z]+)\"") is { Success: true } match ? match.Groups[1].Value : null;
    }

    public async Task<HttpStatusCode> ReadinessAsync(bool onFirst)
    {
        using var answer = await (onFirst ? _toFirst : _toSecond).GetAsync(new Uri("/health/ready", UriKind.Relative));
        return answer.StatusCode;
    }

    /// <summary>The agenda from one instance: its status, and whether it shows the customer's agenda.</summary>
    public async Task<(HttpStatusCode Status, bool Shown)> AgendaAsync(bool onFirst)
    {
        var (status, html) = await PageAsync("/agenda", onFirst);
        return (status, html.Contains(AgendaShown, StringComparison.Ordinal));
    }

    /// <summary>A page from one instance as the browser gets it: its status and its HTML.</summary>
    public async Task<(HttpStatusCode Status, string Html)> PageAsync(string path, bool onFirst)
    {
        using var answer = await (onFirst ? _toFirst : _toSecond).GetAsync(new Uri(path, UriKind.Relative));
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    /// <summary>Whether <paramref name="condition"/> holds within <paramref name="limit"/> of now.</summary>
    public static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
        while (clock.Elapsed < limit);

        return false;
    }

    /// <summary>The processes first, and the database last: a test that stopped its server may leave it unable to drop the database.</summary>
    public async ValueTask DisposeAsync()
    {
        _toFirst.Dispose();
        _toSecond.Dispose();
        _jar.Dispose();
        _provider.Dispose();
        await First.DisposeAsync();
        await Second.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await MyOrganizer.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>A cookie header kept apart from the browser's jar, with a client of its own that keeps no cookies.</summary>
public sealed class CopiedCookie(string header) : IDisposable
{
    public string Header { get; } = header;

    public HttpClient Client { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    public void Dispose() => Client.Dispose();
}
