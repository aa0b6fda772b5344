using System.Diagnostics;
using Npgsql;
using WebPortal.Sandbox;

namespace WebPortal.TestKit;

/// <summary>
/// A PostgreSQL server for the tests and the benchmark: the one named by <see cref="ServerVariable"/> when it is set,
/// otherwise one of their own from Debian's packages (<c>apt-get install postgresql</c>), started once per process on
/// a free loopback port with its data in a temporary folder, and stopped when the process exits. Each test takes a
/// database of its own (<see cref="CreateDatabaseAsync"/>).
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

        var cluster = await OwnCluster.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return new PostgreSqlServer(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = cluster.Port,
            Username = Superuser,
            Database = Superuser,

            // Enough for every portal a parallel test run keeps open at once; idle ones are closed soon.
            MaxPoolSize = 20,
            ConnectionIdleLifetime = 10,
        }.ConnectionString);
    }

    /// <summary>
    /// A cluster in a temporary folder, run with Debian's <c>initdb</c> and <c>pg_ctl</c>. PostgreSQL refuses to run as
    /// root, so as root (CI) it runs as the <c>postgres</c> user the package creates. Durability is switched off:
    /// the data is thrown away at the end.
    /// </summary>
    private sealed class OwnCluster
    {
        private readonly string _binaries;
        private readonly string _folder;

        private OwnCluster(string binaries, string folder, int port)
        {
            _binaries = binaries;
            _folder = folder;
            Port = port;
        }

        public int Port { get; }

        private string Data => Path.Combine(_folder, "data");

        private static bool AsRoot => Environment.UserName == "root";

        public static async Task<OwnCluster> StartAsync()
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

            var folder = Directory.CreateTempSubdirectory("webportal-postgresql-").FullName;
            var cluster = new OwnCluster(binaries, folder, LoopbackPort.Free());
            if (AsRoot)
            {
                await RunAsync("chown", Superuser, folder);
            }

            await cluster.RunAsPostgresAsync("initdb", "-D", cluster.Data, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            await cluster.RunAsPostgresAsync(
                "pg_ctl", "-D", cluster.Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
                $"-c listen_addresses=127.0.0.1 -p {cluster.Port} -k {folder} -c max_connections=500 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "start");
            return cluster;
        }

        public void Stop()
        {
            try
            {
                RunAsPostgresAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
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
