using System.Globalization;
using System.Text;

namespace WebPortal.Bench;

/// <summary>Turns a run's results into <c>docs/benchmarks.md</c>: figures, targets met or missed, machine, and how to reproduce.</summary>
internal static class Report
{
    private const int CookieTargetBytes = 1024;
    private const double ThroughputTargetRatio = 0.5;
    private static readonly TimeSpan P99Target = TimeSpan.FromMilliseconds(20);
    private const long MemoryTargetMiB = 300;
    private const double DisturbedRunThreshold = 0.10;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string ToMarkdown(BenchResults results)
    {
        var (cookies, throughput, agenda, refresh, memory, settings) = (results.Cookies, results.Throughput, results.Agenda, results.Refresh, results.Memory, results.Settings);
        var profile = throughput.ProfilePage;
        var direct = throughput.StandInDirect;
        var ratio = profile.RequestsPerSecond / direct.RequestsPerSecond;
        var agendaPage = agenda.AgendaPage;
        var gateway = agenda.GatewayDirect;
        var agendaRatio = agendaPage.RequestsPerSecond / gateway.RequestsPerSecond;
        var peakMiB = memory.PeakRssKb / 1024.0;

        var md = new StringBuilder();
        Line(md, "# Benchmarks");
        Line(md);
        Line(md, $"Measured on {results.StartedAt:yyyy-MM-dd HH:mm} UTC with `{settings.CommandLine}`, portal at commit {results.Revision}. Every figure below comes from that one run; the file is overwritten by each run.");
        Line(md);
        Line(md, "## Results");
        Line(md);
        Line(md, "| Measure | Portal | Side by side | Target | Met? |");
        Line(md, "|---|---|---|---|---|");
        Line(md, $"| Session cookie after a KlasCement sign-in (names + values) | {cookies.Portal.CookieBytes:N0} B in {Cookies(cookies.Portal)} | {cookies.SaveTokens.CookieBytes:N0} B in {Cookies(cookies.SaveTokens)} with the framework's `SaveTokens = true` | < 1 KB ({CookieTargetBytes:N0} B) | {Met(cookies.Portal.CookieBytes < CookieTargetBytes)} |");
        Line(md, $"| Session cookie after a MyOrganizer sign-in (names + values) | {cookies.MyOrganizer.CookieBytes:N0} B in {Cookies(cookies.MyOrganizer)} | – | < 1 KB ({CookieTargetBytes:N0} B) | {Met(cookies.MyOrganizer.CookieBytes < CookieTargetBytes)} |");
        Line(md, $"| `GET /profile` throughput, {profile.Connections} connections | {profile.RequestsPerSecond:N0} req/s | {direct.RequestsPerSecond:N0} req/s calling the stand-in's profile endpoint directly | ≥ 50 % of direct | {Met(ratio >= ThroughputTargetRatio && profile.Failed == 0)} ({ratio:P0}{FailedNote(profile)}) |");
        Line(md, $"| `GET /profile` latency p50 / p99 | {Ms(profile.P50)} / {Ms(profile.P99)} ms | {Ms(direct.P50)} / {Ms(direct.P99)} ms directly | p99 < {P99Target.TotalMilliseconds:0} ms | {Met(profile.P99 < P99Target && profile.Failed == 0)} |");
        Line(md, $"| `GET /agenda` throughput, {agendaPage.Connections} connections | {agendaPage.RequestsPerSecond:N0} req/s | {gateway.RequestsPerSecond:N0} req/s calling the gateway stand-in's appointments operation directly | ≥ 50 % of direct | {Met(agendaRatio >= ThroughputTargetRatio && agendaPage.Failed == 0)} ({agendaRatio:P0}{FailedNote(agendaPage)}) |");
        Line(md, $"| `GET /agenda` latency p50 / p99 | {Ms(agendaPage.P50)} / {Ms(agendaPage.P99)} ms | {Ms(gateway.P50)} / {Ms(gateway.P99)} ms directly | p99 < {P99Target.TotalMilliseconds:0} ms | {Met(agendaPage.P99 < P99Target && agendaPage.Failed == 0)} |");
        Line(md, $"| Refresh calls caused by {refresh.Requests} concurrent `GET /profile` with a token due for refresh | {refresh.RefreshCalls} ({refresh.ShowedProfile}/{refresh.Requests} answered 200 with the profile) | – | exactly 1, all 200 | {Met(refresh.RefreshCalls == 1 && refresh.ShowedProfile == refresh.Requests)} |");
        foreach (var row in AdminRows(results.Admin, settings))
        {
            Line(md, row);
        }

        Line(md, $"| Portal peak resident memory over the whole run (VmHWM) | {peakMiB:N1} MiB | – | < {MemoryTargetMiB} MiB | {Met(peakMiB < MemoryTargetMiB)} |");
        Line(md);
        var busiest = new[] { profile, direct, agendaPage, gateway }.Concat(AdminLoads(results.Admin)).Max(phase => phase.Cpu.Others);
        if (busiest > DisturbedRunThreshold)
        {
            Line(md, $"> Other processes used up to {busiest:P0} of the machine's CPU during the measured phases: the throughput and latency figures of this run are disturbed; rerun on a quiet machine to compare them with other runs.");
            Line(md);
        }

        Line(md, "Details of the same run:");
        Line(md);
        Line(md, $"- `GET /profile`: {Answers(profile)} " +
            $"The portal used {profile.Cpu.PortalCpuTime.TotalSeconds:0.0} s of CPU, {CpuPerRequest(profile)} per answer; {profile.Cpu.PortalJitTime.TotalSeconds:0.0} s of it on its background JIT thread (tier-1 recompilation), " +
            $"{profile.Cpu.PortalJitTime.TotalSeconds / profile.Elapsed.TotalSeconds:P0} of a core: a large share means the portal still ran partly unoptimised code, see `--warmup-seconds` below. {CpuSplit(profile.Cpu)}");
        Line(md, $"- Stand-in directly: {Answers(direct)} {CpuSplit(direct.Cpu)}");
        Line(md, $"- `GET /agenda`: {Answers(agendaPage)} " +
            $"The portal used {agendaPage.Cpu.PortalCpuTime.TotalSeconds:0.0} s of CPU, {CpuPerRequest(agendaPage)} per answer; {agendaPage.Cpu.PortalJitTime.TotalSeconds:0.0} s of it on its background JIT thread, " +
            $"{agendaPage.Cpu.PortalJitTime.TotalSeconds / agendaPage.Elapsed.TotalSeconds:P0} of a core. " +
            $"One agenda page, checked before the load, showed the week of {agenda.Check.Monday:yyyy-MM-dd} with {agenda.Check.Appointments} appointments and cost {Calls(agenda.Check.GatewayCalls)} of the gateway's appointments operation. {CpuSplit(agendaPage.Cpu)}");
        Line(md, $"- Gateway stand-in directly: {Answers(gateway)} {CpuSplit(gateway.Cpu)}");
        Line(md, $"- Refresh burst: all {refresh.Requests} answers within {refresh.Elapsed.TotalMilliseconds:N0} ms.");
        foreach (var detail in AdminDetails(results.Admin))
        {
            Line(md, detail);
        }

        Line(md, $"- Portal memory: {memory.StartedRssKb / 1024.0:N1} MiB resident once it first answered, {memory.PeakSampledRssKb / 1024.0:N1} MiB the highest of the samples taken every 100 ms, {memory.FinalRssKb / 1024.0:N1} MiB at the end.");
        Line(md, $"- Bench process (load generator, stand-ins, comparison app{(results.Admin.Seed is null ? "" : ", seeding")}): {results.BenchPeakRssKb / 1024.0:N1} MiB peak resident (VmHWM). " +
            "It includes the stand-ins, whose gateway keeps the latest 10,000 appointments calls it answered (`AppointmentsRequests`)" +
            (results.Admin.Seed is null ? "." : ", and the seeding's generated rows and SQLite page cache (128 MiB at most)."));
        Line(md, $"- The portal wrote {results.PortalOutput.Count} log line(s) at Warning or above during the run.");
        Line(md);
        Line(md, "## Machine");
        Line(md);
        Line(md, $"- CPU: {results.Machine.CpuModel}, {results.Machine.LogicalCores} logical cores; {results.Machine.MemoryMiB:N0} MiB memory");
        Line(md, $"- OS: {results.Machine.OperatingSystem}");
        Line(md, $"- `dotnet --version`: {results.Machine.SdkVersion}; runtime {results.Machine.Runtime}");
        Line(md, $"- Portal garbage collector: {(results.Machine.PortalUsesServerGc ? "Server" : "Workstation")} (from `WebPortal.runtimeconfig.json`)");
        Line(md, "- The load generator, the KlasCement and MyOrganizer stand-ins and the comparison app share one process, the portal runs in another, all on this machine: the figures compare one another, they do not predict production. " +
            "The CPU split under Details shows whether other processes competed during the measured phases.");
        Line(md);
        Line(md, "## How it is measured");
        Line(md);
        Line(md, "`bench/run.sh` builds `src/WebPortal` and `bench/WebPortal.Bench` in Release and runs the bench, which:");
        Line(md);
        Line(md, "1. Hosts KlasCement's sandbox (`AddKlasCementSandbox` + `MapKlasCementSandbox`) on Kestrel at `127.0.0.1:0`, with a client secret made up for the run. " +
            "Picks a free loopback port for the portal, then starts MyOrganizer's sandbox (`MyOrganizerSandboxHost.StartAsync`: the B2C tenant stand-in on OpenIddict at the root of a loopback port of its own, the API gateway stand-in under `/gateway`) " +
            $"with two redirect URIs registered for the B2C app, the portal's callback `http://127.0.0.1:<portal port>/signin-myorganizer` and the bench's own `{MyOrganizerStandIn.BenchRedirectUri}` (never fetched), " +
            $"access and id tokens that live {MyOrganizerStandIn.TokenLifetime.TotalHours:0} h (so that neither the portal nor the bench renews one during the run), " +
            $"`ItemsPerPage = {MyOrganizerStandIn.ItemsPerPage}` for the gateway's appointments collection instead of the sandbox's 5 (a sandbox week has at most 15 appointments, so one agenda page is one gateway call and the direct call answers the same appointments), " +
            "and client and app secrets made up for the run.");
        Line(md, "2. Starts the portal as a process of its own, `dotnet src/WebPortal/bin/Release/net10.0/WebPortal.dll` with the project folder `src/WebPortal` as working directory and so content root (its `appsettings.json` and `wwwroot` apply, as in a deployment folder), configured on top of that by these environment variables: " +
            "`ASPNETCORE_ENVIRONMENT=Production`, `ASPNETCORE_URLS=http://127.0.0.1:<free port>`, `AllowedHosts=127.0.0.1` (the host the bench calls it at), `ConnectionStrings__Portal=Data Source=<temp dir>/bench.db` (seeded before the portal starts, see step 7), " +
            $"`Portal__Admins__0={PortalProcess.AdminIdentity}` (An Peeters becomes an admin when he signs in), " +
            "`KlasCement__ClientId`, `KlasCement__ClientSecret` and the four `KlasCement__*Endpoint` pointing at the stand-in, `Logs__Directory=` (no file log) and " +
            "`Serilog__MinimumLevel__Default=Warning` (console log at Warning and above, which the bench reads), and for MyOrganizer the settings `MyOrganizerSandboxSettings.For(host)` gives, " +
            $"with `:` written `__`: {string.Join(", ", agenda.PortalVariables)}. " +
            "`MyOrganizerApi__AppKey` also switches on the portal's gateway app-token check of `/health/ready`, which the bench does not call. It waits until `GET /` answers 200.");
        Line(md, "3. **Cookie**: signs in as An Peeters the way a browser does (start page → anti-forgery token → `POST /account/signin/KlasCement` → the stand-in's consent form → `/signin-klascement` → `/profile` showing the name) " +
            "and adds up the names and values of the `.WebPortal.Session` cookies the callback sets, chunks included. The same sign-in against a minimal app in the bench " +
            "(`AddCookie()` + the portal's `AddKlasCement` handler with `SaveTokens = true`, Lax correlation cookie) gives the side-by-side figure for `.AspNetCore.Cookies`. " +
            "It then signs in as Lotte Maes with MyOrganizer the way a browser does (start page → anti-forgery token → `POST /account/signin/MyOrganizer` → the B2C stand-in's sign-in page, " +
            "whose hidden fields, the authorization request's parameters, are posted back with `customer=<her object id>` and `sandbox_action=signin` → `/signin-myorganizer?code=…&state=…` with the portal's correlation and nonce cookies → " +
            $"`/agenda` containing `{SignIn.AgendaShown}`) and adds up that callback's `.WebPortal.Session` cookies the same way.");
        Line(md, $"4. **Throughput**: {settings.Connections} workers, one connection each, send `GET /profile` with An Peeters's session cookie back to back for {settings.WarmUp.TotalSeconds:0} s (not counted) and then {settings.Duration.TotalSeconds:0} s. " +
            "Only a 200 that contains \"An Peeters\" counts; latencies go into a 10 µs-bucket histogram. The same generator with the same settings then calls " +
            "`GET {stand-in}/api/users/532abc50af2c8?access_token=…` directly, with a token the sandbox issued (a 200 containing \"Peeters\" counts).");
        Line(md, $"5. **Agenda**: one `GET /agenda` with Lotte Maes's session cookie first reads the week the page shows (its `data-week`, this week in Brussels time), counts the appointments it lists, " +
            "and counts the calls of the appointments operation the gateway stand-in recorded meanwhile (`GatewaySandbox.AppointmentsRequests`). " +
            $"Then the same generator with the same settings sends `GET /agenda` with that session cookie; only a 200 that contains `{SignIn.AgendaShown}` counts. " +
            "For the side-by-side figure the bench gets an access token of its own for Lotte Maes from the B2C stand-in: the same sign-in page, redirected to its own URI, " +
            "then `POST` to the user flow's token endpoint with `grant_type=authorization_code`, the code, the client id and secret and the PKCE `code_verifier` (`code_challenge_method=S256` at the authorize step, scopes `openid offline_access` and the API's). " +
            $"The generator then calls `GET {{MyOrganizer stand-in}}{agenda.GatewayDirectPath}` (the week the page showed) with `Authorization: Bearer …` directly; the gateway validates the token against the B2C stand-in's keys, audience and `scp` scope on every call, as it does for the portal's calls. " +
            "A 200 containing `\"entry\"` counts.");
        Line(md, $"6. **Refresh**: signs in as Jan Janssens (a connection of his own) while the stand-in issues 62 s access tokens, sets the lifetime back to 1 h, waits 3 s so the stored token is inside the portal's 60 s refresh skew, " +
            $"opens {settings.BurstRequests} connections (with `GET /`), then sends {settings.BurstRequests} `GET /profile` at once and counts the calls the stand-in's refresh endpoint received.");
        Line(md, AdminMethod(settings, results.Machine));
        Line(md, "8. **Memory**: samples the portal's VmRSS from `/proc/<pid>/status` every 100 ms throughout, reads VmHWM (the kernel's high-water mark of the resident set) at the end, and the bench process's own, then kills the portal.");
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
        Line(md, "# only seed a database, to try the admin pages in Development (README, \"Benchmark\"):");
        Line(md, "bash bench/run.sh --seed-only /tmp/portal-100k.db");
        Line(md, "ConnectionStrings__Portal=\"Data Source=/tmp/portal-100k.db\" dotnet run --project src/WebPortal");
        Line(md, "```");
        Line(md);
        Line(md, "Needs the .NET SDK of `global.json` and Linux (`/proc` for memory). The run exits non-zero only when it could not measure; a missed target is reported above, not as a failure.");
        return md.ToString();
    }

    private static IEnumerable<LoadResult> AdminLoads(AdminFigures admin) => admin.Pages.Select(page => page.Load).OfType<LoadResult>();

    private static IEnumerable<string> AdminRows(AdminFigures admin, BenchSettings settings)
    {
        var target = $"p95 < {AdminPages.P95Target.TotalMilliseconds:0} ms";
        if (admin.Seed is null)
        {
            yield return "| Admin pages (`/admin/accounts`: first page, a search, a filter, page 1,000; `/admin/accounts/{id}`) latency p50 / p95 / p99 | " +
                $"not measured: this run seeded no users (`--seed-users 0`) | – | {target} | not measured |";
            yield break;
        }

        foreach (var page in admin.Pages)
        {
            var measure = $"{page.Target.Name}: {page.Target.What}; latency p50 / p95 / p99 and throughput, {settings.AdminConnections} connections";
            yield return page.Load is { } load
                ? $"| {measure} | {Ms(load.P50)} / {Ms(load.P95)} / {Ms(load.P99)} ms, {load.RequestsPerSecond:N0} req/s | – | {target} | {Met(page.MetTarget)}{FailedNote(load)} |"
                : $"| {measure} | not measured: {page.NotMeasured} | – | {target} | not measured |";
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
            yield return page.Load is { } load
                ? $"- {page.Target.Name}: {Answers(load)} The portal used {load.Cpu.PortalCpuTime.TotalSeconds:0.0} s of CPU, {CpuPerRequest(load)} per answer. {CpuSplit(load.Cpu)}"
                : $"- {page.Target.Name}: not measured, {page.NotMeasured} to `GET {page.Target.PathAndQuery}` as the admin.";
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
        "After the refresh burst, each admin page is checked with one GET (a 200 containing `data-testid=\"admin-accounts\"` for the list, `data-testid=\"admin-account\"` for one account; a page that fails the check is reported as not measured), " +
        $"then {settings.AdminConnections} workers send its GET with An Peeters's session cookie back to back for {settings.AdminWarmUp.TotalSeconds:0} s (not counted) and {settings.Duration.TotalSeconds:0} s; only a 200 containing that `data-testid` counts. " +
        $"{settings.AdminConnections} connections rather than {settings.Connections}: on {machine.LogicalCores} cores shared with the load generator, a request waits behind at most a few others, so p95 is the page's latency rather than the length of a queue (`--admin-connections 1` gives the bare latency). " +
        "The search is a first-name prefix many users share; the filter lists everyone whose MyOrganizer connection needs a reconnect; the account is a seeded user with both connections, one of which needs a reconnect.";

    private static string Answers(LoadResult result) =>
        $"{result.Succeeded:N0} answers in {result.Elapsed.TotalSeconds:0.0} s, {result.Failed:N0} failed{FirstFailure(result)}, slowest {Ms(result.Max)} ms.";

    private static string Calls(int calls) => calls == 1 ? "1 call" : $"{calls} calls";

    private static string CpuPerRequest(LoadResult result) =>
        result.Succeeded == 0 ? "–" : $"{result.Cpu.PortalCpuTime.TotalMilliseconds / result.Succeeded:0.00} ms";

    private static string CpuSplit(CpuUsage cpu) =>
        $"Machine CPU meanwhile: portal {cpu.Portal:P0}, bench (load generator + stand-ins) {cpu.Bench:P0}, other processes {cpu.Others:P0}, idle {cpu.Idle:P0}.";

    private static string Cookies(SignedInSession session) => session.Cookies.Count == 1 ? "1 cookie" : $"{session.Cookies.Count} cookies (chunked)";

    private static string Met(bool met) => met ? "met" : "**missed**";

    private static string Ms(TimeSpan latency) => latency.TotalMilliseconds.ToString("0.00", Invariant);

    private static string FailedNote(LoadResult result) => result.Failed == 0 ? "" : $"; {result.Failed:N0} failed";

    private static string FirstFailure(LoadResult result) => result.FirstFailure is null ? "" : $" (first: {result.FirstFailure})";

    private static void Line(StringBuilder builder, string text = "") => builder.Append(text).Append('\n');
}
