using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebPortal.Bench;

/// <summary>
/// The floor: the least work ASP.NET Core needs for the portal's signed-in pages, measured next to them in the same
/// run. A plain app (minimal API, cookie authentication only: no MVC, no database, no anti-forgery), run like the
/// portal in a process of its own (<see cref="FloorProcess"/>: this Release build started again with
/// <c>--floor</c>, Server GC):
/// <list type="bullet">
/// <item><c>GET /signed-in</c>, next to the portal's signed-in start page: a small page with the name from the cookie's principal.</item>
/// <item><c>GET /profile</c>, next to the portal's <c>/profile</c>: the cookie keeps KlasCement's access token and member id;
/// one call of the member endpoint the portal calls, with an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>,
/// and the member's name in a small page.</item>
/// <item><c>GET /agenda</c>, next to the portal's <c>/agenda</c>: the cookie keeps a MyOrganizer access token; one call of
/// the gateway's appointments operation for the week the portal asks (this week, Brussels time), and the subjects in a small list.</item>
/// </list>
/// <c>POST /signin</c>, only in this bench app, turns the posted fields into a real cookie-authentication ticket, so
/// that the bench gets the floor's cookie without a provider. Every text from the cookie or an upstream is HTML-encoded.
/// Tokens in the cookie are what the portal avoids; here they are the least work: nothing to look up.
/// </summary>
internal static class FloorApp
{
    public const string Mode = "--floor";

    public const string CookieName = "floor";

    /// <summary>What the floor prints once it listens, followed by its garbage collector.</summary>
    public const string ReadyLine = "Floor ready";

    /// <summary>The fields of <c>POST /signin</c>; each one posted becomes a claim of the same name.</summary>
    public const string NameField = "name";

    public const string MemberField = "member";

    public const string KlasCementTokenField = "klascement_token";

    public const string MyOrganizerTokenField = "myorganizer_token";

    public const string Usage = "Usage: WebPortal.Bench --floor <port> <KlasCement base URL> <appointments operation URL>";

    private const string KlasCement = nameof(KlasCement);

    private const string MyOrganizer = nameof(MyOrganizer);

    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    /// <summary>Serves until its standard input closes: the bench stopped it, exited or crashed.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args.Count != 3
            || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !Uri.TryCreate(args[1], UriKind.Absolute, out var klasCement)
            || !Uri.TryCreate(args[2], UriKind.Absolute, out var appointments))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = CookieName;

            // A 401 rather than a redirect to a sign-in page: wrk counts a 401 as an error, a redirect as an answer.
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorization();
        builder.Services.AddHttpClient(KlasCement, client => client.BaseAddress = klasCement);
        builder.Services.AddHttpClient(MyOrganizer, client => client.BaseAddress = appointments);

        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPost("/signin", SignInAsync);
        app.MapGet("/signed-in", (ClaimsPrincipal user) => Page($"<p>Signed in as <strong>{Encode(user.Identity?.Name)}</strong></p>"))
            .RequireAuthorization();
        app.MapGet("/profile", ProfileAsync).RequireAuthorization();
        app.MapGet("/agenda", AgendaAsync).RequireAuthorization();
        await app.StartAsync();
        Console.WriteLine($"{ReadyLine}, Server GC: {GCSettings.IsServerGC}");

        var stopping = new TaskCompletionSource();
        using var stop = app.Lifetime.ApplicationStopping.Register(stopping.SetResult);
        await Task.WhenAny(Console.In.ReadToEndAsync(), stopping.Task);
        await app.StopAsync();
        return 0;
    }

    private static async Task SignInAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var claims = new[] { NameField, MemberField, KlasCementTokenField, MyOrganizerTokenField }
            .Where(field => form[field].ToString().Length > 0)
            .Select(field => new Claim(field == NameField ? ClaimTypes.Name : field, form[field].ToString()));
        await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task<IResult> ProfileAsync(ClaimsPrincipal user, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(MemberField) is not { } member || user.FindFirstValue(KlasCementTokenField) is not { } token)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        // KlasCement takes the access token in the query string, as the portal sends it.
        using var response = await clients.CreateClient(KlasCement)
            .GetAsync($"api/users/{Uri.EscapeDataString(member)}?access_token={Uri.EscapeDataString(token)}", cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Results.StatusCode(StatusCodes.Status502BadGateway);
        }

        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var profile = answer.RootElement.GetProperty("content").GetProperty("objects")[0];
        return Page($"<h1>{Encode($"{profile.GetProperty("first_name").GetString()} {profile.GetProperty("surname").GetString()}")}</h1>");
    }

    private static async Task<IResult> AgendaAsync(ClaimsPrincipal user, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(MyOrganizerTokenField) is not { } token)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Brussels).DateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"?from={monday:yyyy-MM-dd}&to={monday.AddDays(6):yyyy-MM-dd}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await clients.CreateClient(MyOrganizer).SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Results.StatusCode(StatusCodes.Status502BadGateway);
        }

        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var entries = answer.RootElement.GetProperty("entry");
        var list = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<ul data-week=\"{monday:yyyy-MM-dd}\" data-appointments=\"{entries.GetArrayLength()}\">"));
        foreach (var entry in entries.EnumerateArray())
        {
            list.Append("<li>").Append(Encode(entry.GetProperty("subject").GetString())).Append("</li>");
        }

        return Page(list.Append("</ul>").ToString());
    }

    private static IResult Page(string body) =>
        Results.Content($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Floor</title></head><body>{body}</body></html>", "text/html; charset=utf-8");

    private static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");
}
