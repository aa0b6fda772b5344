using System.Globalization;
using System.Text;

namespace WebPortal.Bench;

/// <summary>Turns a run's results into <c>docs/benchmarks.md</c>: figures, targets met or missed, machine, and how to reproduce.</summary>
internal static class Report
{
    private const int CookieTargetBytes = 200;
    private static readonly TimeSpan ColdStartTarget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan P99Target = TimeSpan.FromMilliseconds(20);
    /// <summary>The issue's "under 300 MB", in decimal megabytes: 286.1 MiB.</summary>
    private const long MemoryTargetBytes = 300_000_000;
    private const double DisturbedRunThreshold = 0.10;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private const string HandWrittenStart = "<!-- kept by hand: bench/run.sh keeps what stands between these two lines -->";
    private const string HandWrittenEnd = "<!-- end of what is kept by hand -->";

    /// <summary>
    /// The new report with the hand-written part of the previous one (what each change gained, measured while making
    /// it) carried over unchanged; a report without one gets an empty part to fill in.
    /// </summary>
    public static string KeepingHandWrittenPart(string report, string? previous)
    {
        var start = previous?.IndexOf(HandWrittenStart, StringComparison.Ordinal) ?? -1;
        var end = start < 0 ? -1 : previous!.IndexOf(HandWrittenEnd, start, StringComparison.Ordinal);
        var kept = end < 0 ? $"{HandWrittenStart}\n## What each change gained\n\n{HandWrittenEnd}" : previous![start..(end + HandWrittenEnd.Length)];
        return $"{report.TrimEnd()}\n\n{kept}\n";
    }

    public static string ToMarkdown(BenchResults results)
    {
        var (cookies, floor, refresh, memory, settings) = (results.Cookies, results.Floor, results.Refresh, results.Memory, results.Settings);

        var md = new StringBuilder();
        Line(md, "# Benchmarks");
        Line(md);
        Line(md, $"Measured on {results.StartedAt:yyyy-MM-dd HH:mm} UTC with `{settings.CommandLine}`, portal at commit {results.Revision}. Every figure below comes from that one run; the file is overwritten by each run.");
        Line(md);
        Line(md, "## Results");
        Line(md);
        Line(md, "### The portal's pages next to the floor");
        Line(md);
        Line(md, $"The floor is a plain ASP.NET Core app doing the least work for the same page (step 3 below). Load from wrk, a process of its own: {settings.Connections} connections, " +
            $"{settings.WarmUp.TotalSeconds:0} s of warm-up (not counted), then {settings.Duration.TotalSeconds:0} s measured, for each page; the portal and the floor each run in a process of their own, one loaded after the other. " +
            "Portal ÷ floor: above 1× the portal's throughput is higher than the floor's; below 1× its latency is lower. " +
            "A measured run with any non-2xx/3xx answer or socket error, or with answers smaller than the page checked before it, is a **failed** measurement (the reason is under Details).");
        Line(md);
        Line(md, "| Page: portal vs floor | Measure | Portal | Floor | Portal ÷ floor | Target | Met? |");
        Line(md, "|---|---|---|---|---|---|---|");
        foreach (var pair in floor.Pairs)
        {
            var (portal, floorPage) = (pair.Portal, pair.Floor);
            Line(md, $"| {portal.Target.Name} vs floor {floorPage.Target.Name} | throughput | {Figure(portal, r => $"{r.RequestsPerSecond:N0} req/s")} | {Figure(floorPage, r => $"{r.RequestsPerSecond:N0} req/s")} | " +
                $"{Ratio(portal, floorPage, r => r.RequestsPerSecond)} | ≥ {pair.Issue10Ratio:0.0#}× | {Met(portal.Good is { } p && floorPage.Good is { } f && p.RequestsPerSecond >= pair.Issue10Ratio * f.RequestsPerSecond)} |");
            Line(md, $"| | latency p50 | {Figure(portal, r => $"{Ms(r.P50)} ms")} | {Figure(floorPage, r => $"{Ms(r.P50)} ms")} | {Ratio(portal, floorPage, r => r.P50.TotalMilliseconds)} | – | – |");
            Line(md, $"| | latency p99 | {Figure(portal, r => $"{Ms(r.P99)} ms")} | {Figure(floorPage, r => $"{Ms(r.P99)} ms")} | {Ratio(portal, floorPage, r => r.P99.TotalMilliseconds)} | " +
                $"portal p99 < {P99Target.TotalMilliseconds:0} ms | {Met(portal.Good is { } good && good.P99 < P99Target)} |");
        }

        foreach (var context in floor.Context)
        {
            Line(md, $"| {context.Target.Name} (context, no floor) | throughput; latency p50 / p99 | {Figure(context, r => $"{r.RequestsPerSecond:N0} req/s; {Ms(r.P50)} / {Ms(r.P99)} ms")} | – | – | – | – |");
        }

        Line(md);
        Line(md, "### Other figures");
        Line(md);
        Line(md, "| Measure | Portal | Side by side | Target | Met? |");
        Line(md, "|---|---|---|---|---|");
        Line(md, $"| Session cookie after a KlasCement sign-in (names + values) | {cookies.Portal.CookieBytes:N0} B in {Cookies(cookies.Portal)} | {cookies.SaveTokens.CookieBytes:N0} B in {Cookies(cookies.SaveTokens)} with the framework's `SaveTokens = true` | ≤ {CookieTargetBytes:N0} B | {Met(cookies.Portal.CookieBytes <= CookieTargetBytes)} |");
        Line(md, $"| Session cookie after a MyOrganizer sign-in (names + values) | {cookies.MyOrganizer.CookieBytes:N0} B in {Cookies(cookies.MyOrganizer)} | – | ≤ {CookieTargetBytes:N0} B | {Met(cookies.MyOrganizer.CookieBytes <= CookieTargetBytes)} |");
        Line(md, $"| Refresh calls caused by {refresh.Requests} concurrent `GET /profile` with a token due for refresh | {refresh.RefreshCalls} ({refresh.ShowedProfile}/{refresh.Requests} answered 200 with the profile) | – | exactly 1, all 200 | {Met(refresh.RefreshCalls == 1 && refresh.ShowedProfile == refresh.Requests)} |");
        foreach (var row in AdminRows(results.Admin, settings))
        {
            Line(md, row);
        }

        Line(md, $"| Cold start: from starting the portal's process to its first 200 to `GET /` (polled every 100 ms), on the run's database | {results.PortalColdStart.TotalSeconds:0.00} s | – | < {ColdStartTarget.TotalSeconds:0} s | {Met(results.PortalColdStart < ColdStartTarget)} |");
        Line(md, $"| Portal peak resident memory over the whole run (VmHWM) | {Megabytes(memory.PeakRssKb)} | {Megabytes(floor.PeakRssKb)} the floor's | < {MemoryTargetBytes / 1e6:N0} MB ({MemoryTargetBytes / 1048576.0:N1} MiB) | {Met(memory.PeakRssKb * 1024 < MemoryTargetBytes)} |");
        Line(md);
        var busiest = AllLoads(results).Select(load => load.Result).OfType<WrkResult>().Select(result => result.Cpu.Others).DefaultIfEmpty(0).Max();
        if (busiest > DisturbedRunThreshold)
        {
            Line(md, $"> Other processes used up to {busiest:P0} of the machine's CPU during the measured runs: the throughput and latency figures of this run are disturbed; rerun on a quiet machine to compare them with other runs.");
            Line(md);
        }

        Line(md, "Details of the same run:");
        Line(md);
        foreach (var load in floor.Pairs.SelectMany(pair => new[] { pair.Portal, pair.Floor }).Concat(floor.Context))
        {
            Line(md, Detail(load));
        }

        var agenda = results.Agenda;
        Line(md, $"- One portal agenda page, checked before the loads, showed the week of {agenda.Monday:yyyy-MM-dd} with {agenda.Appointments} appointments and cost {Calls(agenda.GatewayCalls)} of the gateway's appointments operation; the floor's agenda was checked for the same week and number of appointments.");
        Line(md, $"- The floor's cookies: {floor.Sessions.SignedIn.CookieBytes:N0} B for (a) (the name), {floor.Sessions.Profile.CookieBytes:N0} B for (b) (KlasCement's member id and access token), {floor.Sessions.Agenda.CookieBytes:N0} B for (c) (a MyOrganizer access token), names + values.");
        Line(md, $"- Refresh burst: all {refresh.Requests} answers within {refresh.Elapsed.TotalMilliseconds:N0} ms.");
        foreach (var detail in AdminDetails(results.Admin))
        {
            Line(md, detail);
        }

        Line(md, $"- Portal memory: {memory.StartedRssKb / 1024.0:N1} MiB resident once it first answered, {memory.PeakSampledRssKb / 1024.0:N1} MiB the highest of the samples taken every 100 ms, {memory.FinalRssKb / 1024.0:N1} MiB at the end.");
        Line(md, $"- Bench process (stand-ins, comparison app{(results.Admin.Seed is null ? "" : ", seeding")}; wrk and the floor are processes of their own): {results.BenchPeakRssKb / 1024.0:N1} MiB peak resident (VmHWM). " +
            "It includes the stand-ins, whose gateway keeps the latest 10,000 appointments calls it answered (`AppointmentsRequests`)" +
            (results.Admin.Seed is null ? "." : ", and the seeding's generated rows and SQLite page cache (128 MiB at most)."));
        Line(md, $"- The portal wrote {results.PortalOutput.Count} log line(s) at Warning or above during the run, the floor {floor.Output.Count}.");
        Line(md);
        foreach (var line in ScaleOutReport.Results(results.ScaleOut, settings).Concat(ScaleOutReport.Details(results.ScaleOut)))
        {
            Line(md, line);
        }

        Line(md, "## Machine");
        Line(md);
        Line(md, $"- CPU: {results.Machine.CpuModel}, {results.Machine.LogicalCores} logical cores; {results.Machine.MemoryMiB:N0} MiB memory");
        Line(md, $"- OS: {results.Machine.OperatingSystem}");
        Line(md, $"- `dotnet --version`: {results.Machine.SdkVersion}; runtime {results.Machine.Runtime}");
        Line(md, $"- Portal garbage collector: {(results.Machine.PortalUsesServerGc ? "Server" : "Workstation")} (from `WebPortal.runtimeconfig.json`); the floor's: {(floor.UsesServerGc ? "Server" : "Workstation")} (`DOTNET_gcServer={(floor.UsesServerGc ? 1 : 0)}`, as the floor reported it)");
        Line(md, $"- Load generator: {results.Machine.WrkVersion}");
        Line(md, "- wrk runs as a process of its own, the portal in another, the floor app in a third; the KlasCement and MyOrganizer stand-ins and the comparison app share the bench's process. " +
            $"All of them run on this machine and talk over loopback, sharing its {results.Machine.LogicalCores} cores: the figures compare one another, they do not predict production. " +
            "The CPU split under Details shows who used the machine during each measured run.");
        Line(md);
        Line(md, "## How it is measured");
        Line(md);
        Line(md, "`bench/run.sh` installs wrk, HAProxy, PostgreSQL and Redis when they are missing (`apt-get install wrk haproxy postgresql redis-server`, as root), builds `src/WebPortal` and `bench/WebPortal.Bench` in Release and runs the bench, which:");
        Line(md);
        Line(md, "1. Hosts KlasCement's sandbox (`AddKlasCementSandbox` + `MapKlasCementSandbox`) on Kestrel at `127.0.0.1:0`, with a client secret made up for the run. " +
            "Picks a free loopback port for the portal, then starts MyOrganizer's sandbox (`MyOrganizerSandboxHost.StartAsync`: the B2C tenant stand-in on OpenIddict at the root of a loopback port of its own, the API gateway stand-in under `/gateway`) " +
            $"with two redirect URIs registered for the B2C app, the portal's callback `http://127.0.0.1:<portal port>/signin-myorganizer` and the bench's own `{BenchMyOrganizer.BenchRedirectUri}` (never fetched), " +
            $"access and id tokens that live {BenchMyOrganizer.TokenLifetime.TotalHours:0} h (so that neither the portal nor the floor needs a new one during the run), " +
            $"`ItemsPerPage = {BenchMyOrganizer.ItemsPerPage}` for the gateway's appointments collection instead of the sandbox's 5 (a sandbox week has at most 15 appointments, so one agenda page is one gateway call, for the portal as for the floor), " +
            "and client and app secrets made up for the run.");
        Line(md, "2. Starts the portal as a process of its own, `dotnet src/WebPortal/bin/Release/net10.0/WebPortal.dll` with the project folder `src/WebPortal` as working directory and so content root (its `appsettings.json` and `wwwroot` apply, as in a deployment folder), configured on top of that by these environment variables: " +
            "`ASPNETCORE_ENVIRONMENT=Production`, `ASPNETCORE_URLS=http://127.0.0.1:<free port>`, `AllowedHosts=127.0.0.1` (the host the bench calls it at), `ConnectionStrings__Portal=Data Source=<temp dir>/bench.db` (seeded before the portal starts, see step 7), " +
            $"`Portal__Admins__0={BenchPortal.AdminIdentity}` (An Peeters becomes an admin when he signs in), " +
            "`KlasCement__ClientId`, `KlasCement__ClientSecret` and the four `KlasCement__*Endpoint` pointing at the stand-in, `Logs__Directory=` (no file log) and " +
            "`Serilog__MinimumLevel__Default=Warning` (console log at Warning and above, which the bench reads), and for MyOrganizer the settings `MyOrganizerSandboxSettings.For(host)` gives, " +
            $"with `:` written `__`: {string.Join(", ", results.MyOrganizerVariables)}. " +
            "`MyOrganizerApi__AppKey` also switches on the portal's gateway app-token check of `/health/ready`, which the bench does not call. It waits until `GET /` answers 200.");
        Line(md, "3. **Floor**: starts the floor app (`bench/WebPortal.Bench/FloorApp.cs`, one file: a minimal API with cookie authentication only; no MVC, no database, no anti-forgery) as a process of its own, " +
            "the bench's own Release build started again: `dotnet bench/WebPortal.Bench/bin/Release/net10.0/WebPortal.Bench.dll --floor <free port> <KlasCement stand-in> <appointments operation URL>`, " +
            "with `DOTNET_gcServer` set to the portal's garbage collector (`1` for Server GC, `0` for Workstation, as its `runtimeconfig.json` asks) and `ASPNETCORE_ENVIRONMENT=Production`; it stops when the bench closes its standard input. It serves " +
            "(a) `GET /signed-in`: a small page with the name of the cookie's principal; " +
            "(b) `GET /profile`: the cookie keeps KlasCement's member id and access token; one `GET {KlasCement stand-in}/api/users/{member}?access_token=…` (the URL the portal calls) with an `HttpClient` from `IHttpClientFactory`, and the member's `first_name` and `surname` in a small page; " +
            "(c) `GET /agenda`: the cookie keeps a MyOrganizer access token; one `GET {MyOrganizer stand-in}/gateway/agenda/appointments?from=…&to=…` of this week (Monday to Sunday in Brussels time, as the portal asks) with `Authorization: Bearer …` and `Accept: application/json`, and each appointment's `subject` in a list. " +
            "Every text from the cookie or the upstream is HTML-encoded; a request without the claims it needs gets 401 or 403, an upstream answer other than 200 a 502. " +
            "The bench signs in to it with `POST /signin` (only in this bench app), whose fields become the claims of a real cookie-authentication ticket: An Peeters's name for (a); " +
            "An Peeters's member id and an access token the KlasCement sandbox issued to him for (b); for (c) an access token of Lotte Maes's, which the bench gets from the B2C stand-in the way the portal does: " +
            "the same sign-in page as in step 4, redirected to the bench's own URI, then `POST` to the user flow's token endpoint with `grant_type=authorization_code`, the code, the client id and secret and the PKCE `code_verifier` " +
            "(`code_challenge_method=S256` at the authorize step, scopes `openid offline_access` and the API's); the gateway validates the token against the B2C stand-in's keys, audience and `scp` scope on every call, as it does for the portal's calls.");
        Line(md, "4. **Cookie**: signs in as An Peeters the way a browser does (start page → anti-forgery token → `POST /account/signin/KlasCement` → the stand-in's consent form → `/signin-klascement` → `/profile` showing the name) " +
            "and adds up the names and values of the `.WebPortal.Session` cookies the callback sets, chunks included. The same sign-in against a minimal app in the bench " +
            "(`AddCookie()` + the portal's `AddKlasCement` handler with `SaveTokens = true`, Lax correlation cookie) gives the side-by-side figure for `.AspNetCore.Cookies`. " +
            "It then signs in as Lotte Maes with MyOrganizer the way a browser does (start page → anti-forgery token → `POST /account/signin/MyOrganizer` → the B2C stand-in's sign-in page, " +
            "whose hidden fields, the authorization request's parameters, are posted back with `customer=<her object id>` and `sandbox_action=signin` → `/signin-myorganizer?code=…&state=…` with the portal's correlation and nonce cookies → " +
            $"`/agenda` containing `{SignIn.AgendaShown}`) and adds up that callback's `.WebPortal.Session` cookies the same way.");
        Line(md, "5. **Pages next to the floor**: one `GET /agenda` with Lotte Maes's session cookie first reads the week the page shows (its `data-week`, this week in Brussels time), counts the appointments it lists, " +
            "and counts the calls of the appointments operation the gateway stand-in recorded meanwhile (`GatewaySandbox.AppointmentsRequests`). " +
            "Then, one after the other: the portal's signed-in `GET /` with An Peeters's session cookie (its check wants his name), the floor's (a) (his name); " +
            "the portal's `GET /profile` with the same cookie (`data-testid=\"profile\"`, `data-state=\"Shown\"` and his name), the floor's (b) (his name); " +
            $"the portal's `GET /agenda` with Lotte Maes's (`{SignIn.AgendaShown}`), the floor's (c) (the week and the number of appointments the portal's page showed); " +
            $"and, as context, the portal's anonymous `GET /` (its `{Benchmark.AnonymousStartPageText}` form) and the static `GET /css/site.css` (`:root`). " +
            "For each, one `GET` with `HttpClient` checks that the answer is a 200 that contains those texts (a page that fails the check is reported as not measured), then " +
            $"`wrk -t2 -c{settings.Connections} -d{settings.WarmUp.TotalSeconds:0}s --latency -H \"Cookie: <the session>\" <url>` warms up (not counted) and `wrk -t2 -c{settings.Connections} -d{settings.Duration.TotalSeconds:0}s --latency …` is measured. " +
            "The bench reads wrk's output: requests per second, the latency distribution (p50, p75, p90, p99; the slowest from wrk's `Thread Stats`), the bytes read, and the `Non-2xx or 3xx responses` and `Socket errors` lines. " +
            "wrk counts an answer of status 400 or above as non-2xx/3xx, and a request slower than its 2 s timeout as a socket error; a redirect is an answer to wrk, so the bytes read per answer must be at least the body of the page checked before. " +
            "A measured run that fails any of these is a failed measurement. wrk keeps no cookies: every request carries the session cookie only, as a browser that sends no anti-forgery cookie back. " +
            "At the end of each run wrk closes its connections with requests still in flight; those are not counted, but the app may log them as cancelled. " +
            "Around the measured run the bench reads `/proc`: the CPU time of the app under load and of its `.NET Tiered Com` thread (the tier-1 JIT recompiling hot methods: a large share means the app still ran partly unoptimised code, see `--warmup-seconds`), " +
            "wrk's (the bench's children time, once wrk has exited), the bench's own (the stand-ins), and the whole machine's.");
        Line(md, $"6. **Refresh**: signs in as Jan Janssens (a connection of his own) while the stand-in issues 62 s access tokens, sets the lifetime back to 1 h, waits 3 s so the stored token is inside the portal's 60 s refresh skew, " +
            $"opens {settings.BurstRequests} connections (with `GET /`), then sends {settings.BurstRequests} `GET /profile` at once and counts the calls the stand-in's refresh endpoint received.");
        Line(md, AdminMethod(settings, results.Machine));
        Line(md, "8. **Memory**: samples the portal's VmRSS from `/proc/<pid>/status` every 100 ms throughout, reads VmHWM (the kernel's high-water mark of the resident set) at the end, the floor's and the bench process's own, then stops the floor and kills the portal.");
        Line(md, ScaleOutReport.Method(settings));
        Line(md);
        Line(md, "## Reproduce");
        Line(md);
        Line(md, "```bash");
        Line(md, "bash bench/run.sh");
        Line(md, "# the options, with their defaults:");
        Line(md, $"bash bench/run.sh --connections 32 --warmup-seconds 45 --duration-seconds 10 --burst 100 --seed-users {BenchSettings.DefaultSeedUsers} --admin-connections 4 --admin-warmup-seconds 5");
        Line(md, "# the first seconds after start-up, while the JIT is still optimising the request path:");
        Line(md, "bash bench/run.sh --warmup-seconds 3");
        Line(md, "# the admin pages on another number of users; or none, and no admin figures (about 2 minutes shorter):");
        Line(md, "bash bench/run.sh --seed-users 20000");
        Line(md, "bash bench/run.sh --seed-users 0");
        Line(md, "# without the several instances on PostgreSQL and Redis (about 5 minutes shorter):");
        Line(md, "bash bench/run.sh --no-scale-out");
        Line(md, "# only seed a database, to try the admin pages in Development (README, \"Benchmark\"):");
        Line(md, "bash bench/run.sh --seed-only /tmp/portal-100k.db");
        Line(md, "ConnectionStrings__Portal=\"Data Source=/tmp/portal-100k.db\" dotnet run --project src/WebPortal");
        Line(md, "```");
        Line(md);
        Line(md, "Needs the .NET SDK of `global.json`, Linux (`/proc` for CPU and memory), wrk, and for the several instances HAProxy, PostgreSQL and Redis (`bench/run.sh` installs Debian's packages when they are missing, which needs root). " +
            "The run exits non-zero only when it could not measure; a missed target or a failed measurement is reported above, not as a failure of the run.");
        return md.ToString();
    }

    private static IEnumerable<PageLoad> AllLoads(BenchResults results) =>
        results.Floor.Pairs.SelectMany(pair => new[] { pair.Portal, pair.Floor })
            .Concat(results.Floor.Context)
            .Concat(results.Admin.Pages.Select(page => page.Load));

    /// <summary>A figure of a good measurement; otherwise what went wrong, in short (the details say more).</summary>
    private static string Figure(PageLoad load, Func<WrkResult, string> figure) =>
        load.Good is { } result ? figure(result) : load.Result is null ? "not measured" : "**failed**";

    private static string Ratio(PageLoad portal, PageLoad floor, Func<WrkResult, double> figure) =>
        portal.Good is { } p && floor.Good is { } f && figure(f) > 0
            ? string.Create(Invariant, $"{figure(p) / figure(f):0.00}×")
            : "–";

    internal static string Detail(PageLoad load)
    {
        var (app, name) = (load.Target.App, load.Target.Name);
        if (load.Result is not { } result)
        {
            return $"- {Capitalised(app)} {name}: not measured; the check before the load found that {load.NotMeasured}.";
        }

        var outcome = result.Failure is { } failure ? $"**failed**: {failure}" : "no non-2xx/3xx answer, no socket error";
        return $"- {Capitalised(app)} {name}: {result.Requests:N0} answers in {result.Elapsed.TotalSeconds:0.00} s ({result.RequestsPerSecond:N0} req/s), {outcome}; " +
            $"latency p50 / p75 / p90 / p99 {Ms(result.P50)} / {Ms(result.P75)} / {Ms(result.P90)} / {Ms(result.P99)} ms, slowest {Ms(result.Max)} ms; " +
            $"{result.BytesPerAnswer:N0} B read per answer, headers included (the checked answer's body: {result.CheckedBodyBytes:N0} B). " +
            $"The {app} used {result.Cpu.AppCpuTime.TotalSeconds:0.0} s of CPU, {CpuPerAnswer(result)} per answer; {result.Cpu.AppJitTime.TotalSeconds:0.0} s of it on its background JIT thread, " +
            $"{result.Cpu.AppJitTime.TotalSeconds / result.Elapsed.TotalSeconds:P0} of a core. " +
            $"Machine CPU meanwhile: {app} {result.Cpu.App:P0}, wrk {result.Cpu.Wrk:P0}, bench (stand-ins) {result.Cpu.Bench:P0}, other processes {result.Cpu.Others:P0}, idle {result.Cpu.Idle:P0}." +
            (result.PeakResidentKbSoFar is { } peak ? $" Its peak resident memory so far (VmHWM): {peak / 1024.0:N1} MiB." : "");
    }

    /// <summary>The admin pages' rows of a five-column figures table; <paramref name="where"/> follows each page's name.</summary>
    internal static IEnumerable<string> AdminRows(AdminFigures admin, BenchSettings settings, string where = "")
    {
        var target = $"p99 < {AdminPages.P99Target.TotalMilliseconds:0} ms";
        if (admin.Seed is null)
        {
            yield return "| Admin pages (`/admin/accounts`: first page, a search, a filter, page 1,000; `/admin/accounts/{id}`) latency p50 / p90 / p99 | " +
                $"not measured: this run seeded no users (`--seed-users 0`) | – | {target} | not measured |";
            yield break;
        }

        foreach (var page in admin.Pages)
        {
            var measure = $"{page.Target.Name}{where}: {page.Target.What}; latency p50 / p90 / p99 and throughput, {settings.AdminConnections} connections";
            yield return page.Load.Good is { } load
                ? $"| {measure} | {Ms(load.P50)} / {Ms(load.P90)} / {Ms(load.P99)} ms, {load.RequestsPerSecond:N0} req/s | – | {target} | {Met(page.MetTarget)} |"
                : $"| {measure} | {page.Load.Problem} | – | {target} | {(page.Load.Result is null ? "not measured" : Met(false))} |";
        }
    }

    private static IEnumerable<string> AdminDetails(AdminFigures admin)
    {
        if (admin.Seed is not { } seed)
        {
            yield break;
        }

        yield return $"- Seeded database: {seed.Describe()}";
        foreach (var page in admin.Pages)
        {
            yield return Detail(page.Load);
        }
    }

    private static string AdminMethod(BenchSettings settings, MachineInfo machine) =>
        $"7. **Admin pages**: {(settings.SeedUsers == 0 ? "this run seeded nothing (`--seed-users 0`) and measured no admin page. By default, " : "")}" +
        $"before the portal starts, `AdminSeed` creates its database with the portal's own `PortalDbContext` and migrations and fills it with {(settings.SeedUsers == 0 ? BenchSettings.DefaultSeedUsers : settings.SeedUsers):N0} users (`--seed-users`) in one transaction of prepared INSERTs (Microsoft.Data.Sqlite, not EF change tracking). " +
        "The users (`SeedPopulation`, a fixed random seed) have Flemish first and last names mixed with French, Turkish, Moroccan and Polish ones, about 4 % in Cyrillic, Arabic, Greek or Chinese script and one in 5,000 with HTML in the name; " +
        "7 % have no e-mail address, the rest one derived from the name (3 % with capitals); creation times are spread over two years, last sign-ins lean towards today (15 % never came back). " +
        "Half of them have a KlasCement and a MyOrganizer connection, a quarter only one of the two (1.5 connections per user); about 10 % of the connections need a reconnect, with a reason code (`invalid_grant`, `no_refresh_token`, `http_401`, `untrusted_answer`, `rejected`), " +
        "no tokens and the last refresh's outcome, as the portal leaves them; the others hold random base64url in the protected token columns, as long as the portal's payloads for such tokens (about 180 characters for KlasCement, 1,300 to 1,900 for MyOrganizer; never decrypted on the admin pages), " +
        "scopes, and a last refresh that never happened, succeeded, or failed (`Timeout`, `Unreachable`, …). One user in 20,000 is an admin; there is one audit entry per 25 users over the last 60 days. " +
        "The portal's model then reads a seeded user back, and the seeded rows are counted in the database. The seeded database is there for the whole run, so the steps above ran on it too. " +
        "After the refresh burst, each admin page is measured as in step 5 with An Peeters's session cookie: the check wants a 200 containing `data-testid=\"admin-accounts\"` for the list, `data-testid=\"admin-account\"` for one account, " +
        $"then wrk with {settings.AdminConnections} connections warms up for {settings.AdminWarmUp.TotalSeconds:0} s (not counted) and is measured for {settings.Duration.TotalSeconds:0} s. " +
        $"{settings.AdminConnections} connections rather than {settings.Connections}: on {machine.LogicalCores} cores shared with wrk, a request waits behind at most a few others, so p99 is the page's latency rather than the length of a queue (`--admin-connections 1` gives the bare latency). " +
        "wrk's `--latency` gives p50, p75, p90 and p99, so the target is on p99. " +
        "The search is a first-name prefix many users share; the filter lists everyone whose MyOrganizer connection needs a reconnect; the account is a seeded user with both connections, one of which needs a reconnect.";

    private static string Calls(int calls) => calls == 1 ? "1 call" : $"{calls} calls";

    private static string CpuPerAnswer(WrkResult result) =>
        result.Requests == 0 ? "–" : $"{result.Cpu.AppCpuTime.TotalMilliseconds / result.Requests:0.00} ms";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Cookies(SignedInSession session) => session.Cookies.Count == 1 ? "1 cookie" : $"{session.Cookies.Count} cookies (chunked)";

    private static string Megabytes(long kibibytes) => $"{kibibytes * 1024 / 1e6:N1} MB ({kibibytes / 1024.0:N1} MiB)";

    internal static string Met(bool met) => met ? "met" : "**missed**";

    internal static string Ms(TimeSpan latency) => latency.TotalMilliseconds.ToString("0.00", Invariant);

    private static void Line(StringBuilder builder, string text = "") => builder.Append(text).Append('\n');
}
