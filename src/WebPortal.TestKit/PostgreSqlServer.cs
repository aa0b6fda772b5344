using System.Diagnostics;
using Npgsql;
using WebPortal.Sandbox;

namespace WebPortal.TestKit;

/// <summary>
/// A PostgreSQL server for the tests and the benchmark: the one named by <see cref="ServerVariable"/> when it is set,
/// otherwise one of their own from Debian's packages (<c>apt-get install postgresql</c>), started once per process on
/// a free loopback port with its data in a temporary folder, and stopped when the process exits. Each test takes a
/// database of its own (<see cref="CreateDatabaseAsync"/>). A test that stops the server takes a cluster of its own
/// (<see cref="StartDedicatedAsync"/>), so that the others sharing this one go on.
/// </summary>
public sealed class PostgreSqlServer
{
    /// <summary>An administrator's connection string of an existing server, to use instead of starting one.</summary>
    public const string ServerVariable = "WEBPORTAL_TEST_POSTGRESQL";

    private const string Superuser = "postgres";

    private static readonly Lazy<Task<PostgreSqlServer>> Shared = new(StartOwnOrUseConfiguredAsync);

    private readonly string _adminConnectionString;

    private PostgreSqlServer(string adminConnectionString) => _adminConnectionString = adminConnectionString;

    /// <summary>The server of this process, started at the first call.</summary>
    public static Task<PostgreSqlServer> GetAsync() => Shared.Value;

    /// <summary>
    /// A cluster of the caller's own, from Debian's packages whatever <see cref="ServerVariable"/> says, which the caller
    /// may stop and start again (<see cref="DedicatedPostgreSqlServer"/>); deleted when disposed or when the process exits.
    /// </summary>
    public static async Task<DedicatedPostgreSqlServer> StartDedicatedAsync()
    {
        var cluster = await OwnCluster.StartAsync(keepsCommitsOverStops: true);
        return new DedicatedPostgreSqlServer(cluster, new PostgreSqlServer(AdminConnectionStringOf(cluster)));
    }

    /// <summary>The connection string of a database on this server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database }.ConnectionString;

    /// <summary>A new, empty database; the portal's migrations create its tables.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "webportal")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await ExecuteAsync($"""CREATE DATABASE "{name}" """);
        return name;
    }

    /// <summary>Drops a database, ending the connections a portal's pool still holds to it.</summary>
    public Task DropDatabaseAsync(string database) => ExecuteAsync($"""DROP DATABASE IF EXISTS "{database}" WITH (FORCE)""");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(Superuser));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgreSqlServer> StartOwnOrUseConfiguredAsync()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured)
        {
            return new PostgreSqlServer(configured);
        }

        return new PostgreSqlServer(AdminConnectionStringOf(await OwnCluster.StartAsync(keepsCommitsOverStops: false)));
    }

    private static string AdminConnectionStringOf(OwnCluster cluster) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = cluster.Port,
        Username = Superuser,
        Database = Superuser,

        // Enough for every portal a parallel test run keeps open at once; idle ones are closed soon.
        MaxPoolSize = 20,
        ConnectionIdleLifetime = 10,
    }.ConnectionString;

    /// <summary>
    /// A cluster in a temporary folder, run with Debian's <c>initdb</c> and <c>pg_ctl</c>. PostgreSQL refuses to run as
    /// root, so as root (CI) it runs as the <c>postgres</c> user the package creates. Durability is switched off:
    /// the data is thrown away at the end. A cluster that is stopped and started again keeps what was committed before
    /// the stop: the machine does not crash, so <c>fsync</c> stays off, but an immediate stop loses the WAL that an
    /// asynchronous commit had not yet written out.
    /// </summary>
    internal sealed class OwnCluster
    {
        private readonly string _binaries;
        private readonly string _folder;
        private readonly bool _keepsCommitsOverStops;

        private OwnCluster(string binaries, string folder, int port, bool keepsCommitsOverStops)
        {
            _binaries = binaries;
            _folder = folder;
            Port = port;
            _keepsCommitsOverStops = keepsCommitsOverStops;
        }

        public int Port { get; }

        private string Data => Path.Combine(_folder, "data");

        private static bool AsRoot => Environment.UserName == "root";

        public static async Task<OwnCluster> StartAsync(bool keepsCommitsOverStops)
        {
            var binaries = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(version => Path.Combine(version, "bin"))
                    .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                    .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                    .FirstOrDefault()
                : null;
            if (binaries is null)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL is not installed: apt-get install postgresql (bash .ci/run does), or set {ServerVariable} to an administrator's connection string.");
            }

            LeftoverClusters.DeleteIn(Path.GetTempPath(), DateTime.UtcNow);
            var folder = Directory.CreateTempSubdirectory(LeftoverClusters.FolderPrefix).FullName;
            var cluster = new OwnCluster(binaries, folder, LoopbackPort.Free(), keepsCommitsOverStops);
            if (AsRoot)
            {
                await RunAsync("chown", Superuser, folder);
            }

            await cluster.RunAsPostgresAsync("initdb", "-D", cluster.Data, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            await cluster.StartAgainAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
            return cluster;
        }

        /// <summary>Starts the server on its port with its data: the first time, or again after <see cref="StopAsync"/>.</summary>
        public Task StartAgainAsync() =>
            RunAsPostgresAsync(
                "pg_ctl", "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o",
                $"-c listen_addresses=127.0.0.1 -p {Port} -k {_folder} -c max_connections=500 -c fsync=off -c synchronous_commit={(_keepsCommitsOverStops ? "on" : "off")} -c full_page_writes=off",
                "start");

        /// <summary>Stops the server at once, keeping its data.</summary>
        public Task StopAsync() => RunAsPostgresAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");

        /// <summary>Stops the server if it runs, and deletes its data; a second call does nothing.</summary>
        public void Stop()
        {
            if (!Directory.Exists(_folder))
            {
                return;
            }

            try
            {
                if (File.Exists(Path.Combine(Data, "postmaster.pid")))
                {
                    StopAsync().GetAwaiter().GetResult();
                }
            }
            finally
            {
                Directory.Delete(_folder, recursive: true);
            }
        }

        private Task RunAsPostgresAsync(string program, params string[] arguments) =>
            AsRoot
                ? RunAsync("runuser", ["-u", Superuser, "--", Path.Combine(_binaries, program), .. arguments])
                : RunAsync(Path.Combine(_binaries, program), arguments);

        private static async Task RunAsync(string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
            }
        }
    }
}
