using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace JourneyOptimizer.Sms.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for one test process (an xunit assembly fixture): <c>initdb</c> and <c>pg_ctl</c> in
/// a temporary folder, listening on 127.0.0.1 on a free port, stopped and deleted when the run ends. It starts on
/// first use, so a run of SQLite tests only never pays for it. Every test class (or portal) gets a database of its own.
/// <para>
/// PostgreSQL refuses to run as root: as root the commands run as the <c>postgres</c> user (<c>runuser</c>), which
/// owns the folder. Where PostgreSQL is not installed, its tests are skipped with a message; under CI (<c>CI=true</c>)
/// they fail instead. The binaries are looked for in <c>JO_SMS_POSTGRES_BIN</c>, else /usr/lib/postgresql/15/bin
/// (Debian's <c>postgresql</c> package).
/// </para>
/// <para>
/// The cluster's own collation is ICU's en-US, not byte order, as a default installation's would be: the portal must
/// not depend on it (SmsDbContext gives its text columns the "C" collation).
/// </para>
/// </summary>
public sealed class PostgreSqlCluster : IAsyncDisposable
{
    private const string FolderPrefix = "jo-sms-pg-";
    private static int s_databases;

    private readonly Lock _gate = new();
    private Server? _server;
    private string? _failure;

    /// <summary>The folder of the server binaries (initdb, pg_ctl).</summary>
    public static string BinDirectory { get; } =
        Environment.GetEnvironmentVariable("JO_SMS_POSTGRES_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    /// <summary>Under CI a missing PostgreSQL fails its tests; locally it skips them.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL cannot run here, or null when it can.</summary>
    public static string? Missing { get; } = FindMissing();

    /// <summary>
    /// Skips the calling test (fails it under CI) when PostgreSQL is not installed; otherwise starts the cluster if it
    /// is not running yet.
    /// </summary>
    public void Require()
    {
        if (Missing is { } missing)
        {
            var message = $"PostgreSQL tests need the PostgreSQL 15 server: {missing} (Debian: apt-get install postgresql).";
            if (IsCi)
            {
                Assert.Fail(message + " CI=true, so they fail instead of being skipped.");
            }

            Assert.Skip(message);
        }

        Start();
    }

    /// <summary>A new, empty database (or a copy of <paramref name="template"/>); its connection string.</summary>
    public string CreateDatabase(string? template = null)
    {
        Require();
        var name = "t" + Interlocked.Increment(ref s_databases).ToString(CultureInfo.InvariantCulture) + "_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // FILE_COPY: a template is copied as files (with fsync off, about 0.1 s) instead of through the WAL.
            command.CommandText = template is null
                ? $"CREATE DATABASE \"{name}\""
                : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY";
            command.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing whatever is still connected to it.</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using (var own = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(own);
        }

        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    /// <summary>The connection string of a database of the cluster (trust authentication on 127.0.0.1).</summary>
    public string ConnectionString(string database)
    {
        var server = Start();
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Username = "postgres",
            Database = database,
            // Many small databases live side by side: idle connections of finished tests go soon.
            ConnectionIdleLifetime = 10,
        }.ConnectionString;
    }

    private Server Start()
    {
        lock (_gate)
        {
            if (_server is not null)
            {
                return _server;
            }

            if (_failure is not null)
            {
                throw new InvalidOperationException(_failure);
            }

            try
            {
                RemoveAbandonedClusters();
                _server = Server.Start();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _server?.Stop();
                return _server;
            }
            catch (Exception ex)
            {
                _failure = "The PostgreSQL test cluster did not start: " + ex.Message;
                throw;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _server?.Stop();
            _server = null;
        }

        return ValueTask.CompletedTask;
    }

    private static string? FindMissing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the test cluster runs on Linux only";
        }

        if (!File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            return $"{Path.Combine(BinDirectory, "initdb")} was not found";
        }

        if (Environment.UserName == "root" && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            return "running as root needs runuser (util-linux) to start PostgreSQL as the postgres user";
        }

        return null;
    }

    /// <summary>Clusters of test processes that died without stopping them (a killed test run).</summary>
    private static void RemoveAbandonedClusters()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, "owner.pid");
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), CultureInfo.InvariantCulture, out var pid) || IsRunning(pid))
            {
                continue;
            }

            Server.StopAndDelete(folder);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private sealed class Server(string folder, int port)
    {
        public int Port { get; } = port;

        private string Data => Path.Combine(folder, "data");

        public static Server Start()
        {
            var folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            if (Environment.UserName == "root")
            {
                Run("chown", "postgres:postgres", folder);
            }

            var server = new Server(folder, FreePort());
            try
            {
                AsPostgres("initdb", "-D", server.Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
                    "--locale-provider=icu", "--icu-locale=en-US", "--no-sync");
                // A throwaway cluster: durability settings off (nothing here must survive a crash of the machine).
                AsPostgres("pg_ctl", "start", "-w", "-t", "60", "-D", server.Data, "-l", Path.Combine(folder, "server.log"), "-o",
                    string.Join(' ', "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-k", folder,
                        "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                        "-c max_connections=300"));
                return server;
            }
            catch
            {
                StopAndDelete(folder);
                throw;
            }
        }

        public void Stop() => StopAndDelete(folder);

        public static void StopAndDelete(string folder)
        {
            var data = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    AsPostgres("pg_ctl", "stop", "-D", data, "-m", "immediate", "-w");
                }
                catch (InvalidOperationException)
                {
                    // Already stopped.
                }
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left to the system's temp cleaner.
            }
            catch (UnauthorizedAccessException)
            {
                // Left to the system's temp cleaner.
            }
        }

        private static void AsPostgres(string tool, params string[] arguments)
        {
            var path = Path.Combine(BinDirectory, tool);
            if (Environment.UserName == "root")
            {
                Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
            }
            else
            {
                Run(path, arguments);
            }
        }

        private static void Run(string file, params string[] arguments)
        {
            var start = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                // The tools must not inherit a working folder the postgres user cannot read.
                WorkingDirectory = Path.GetTempPath(),
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish within 120 s.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}{output.Result}");
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
