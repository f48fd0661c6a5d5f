using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AdPolicy.Web.Data;

/// <summary>
/// A PostgreSQL cluster run from the machine's own server binaries: the app's local cluster in Development
/// and the throwaway cluster of a test run. PostgreSQL refuses to run as root, so as root every server
/// command runs as the <c>postgres</c> OS user, which owns the data folder.
/// </summary>
public sealed class PostgresCluster
{
    public const string SuperUser = "adpolicy";

    private const string NoBinariesMessage =
        "No PostgreSQL server binaries were found on this machine: install the 'postgresql' package (apt-get install postgresql), " +
        "or set ConnectionStrings__AdPolicy to an existing PostgreSQL server, or run 'docker compose up'.";

    private PostgresCluster(string binDir, string dataDir, int port)
    {
        BinDir = binDir;
        DataDir = dataDir;
        Port = port;
    }

    public string BinDir { get; }

    public string DataDir { get; }

    public int Port { get; }

    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Database = database,
            MaxPoolSize = 50,
        }.ConnectionString;

    /// <summary>The newest server binaries: ADPOLICY_PG_BIN, else /usr/lib/postgresql/N/bin, else initdb on the PATH.</summary>
    public static string FindBinDir()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("ADPOLICY_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries));

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(NoBinariesMessage);
    }

    /// <summary>Starts (initialising on first use) a cluster kept in <paramref name="dataDir"/>; reuses it when it already runs.</summary>
    public static (PostgresCluster Cluster, bool Started) EnsureRunning(string dataDir, int port, string logFile, bool fast = false)
    {
        var cluster = new PostgresCluster(FindBinDir(), dataDir, port);
        if (!File.Exists(Path.Combine(dataDir, "PG_VERSION")))
        {
            cluster.InitDb();
        }

        if (cluster.IsRunning())
        {
            return (cluster, false);
        }

        cluster.Start(logFile, fast);
        return (cluster, true);
    }

    /// <summary>A handle on an existing cluster folder, without starting it (to stop one left behind).</summary>
    public static PostgresCluster Existing(string dataDir) => new(FindBinDir(), dataDir, 0);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public bool IsRunning() => Run("pg_ctl", ["status", "-D", DataDir], throwOnError: false) == 0;

    public void Stop(bool immediate = false) =>
        Run("pg_ctl", ["stop", "-D", DataDir, "-m", immediate ? "immediate" : "fast", "-w"], throwOnError: false);

    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Makes a folder the server's OS user can own and use.</summary>
    public static void PrepareFolder(string path)
    {
        Directory.CreateDirectory(path);
        if (IsRoot)
        {
            RunProcess("chown", ["-R", "postgres:postgres", path], throwOnError: true);
        }

        RunProcess("chmod", ["700", path], throwOnError: true);
    }

    /// <summary>True when the server's OS user can reach <paramref name="path"/> (as root it runs as postgres).</summary>
    public static bool ServerUserCanReach(string path) =>
        !IsRoot || RunProcess("runuser", ["-u", "postgres", "--", "test", "-x", path], throwOnError: false) == 0;

    private void InitDb()
    {
        PrepareFolder(DataDir);
        Run("initdb", ["-D", DataDir, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], throwOnError: true);
    }

    private void Start(string logFile, bool fast)
    {
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300";
        if (fast)
        {
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        if (IsRoot && !File.Exists(logFile))
        {
            File.WriteAllText(logFile, string.Empty);
            RunProcess("chown", ["postgres:postgres", logFile], throwOnError: true);
        }

        Run("pg_ctl", ["start", "-D", DataDir, "-w", "-t", "60", "-l", logFile, "-o", options], throwOnError: true);
    }

    private int Run(string tool, IReadOnlyList<string> arguments, bool throwOnError)
    {
        var exe = Path.Combine(BinDir, tool);
        return IsRoot
            ? RunProcess("runuser", ["-u", "postgres", "--", exe, .. arguments], throwOnError)
            : RunProcess(exe, arguments, throwOnError);
    }

    private static int RunProcess(string fileName, IReadOnlyList<string> arguments, bool throwOnError)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }

        return process.ExitCode;
    }
}
