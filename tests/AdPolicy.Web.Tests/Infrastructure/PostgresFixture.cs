using System.Net;
using System.Net.Sockets;
using AdPolicy.Web.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Testcontainers.PostgreSql;

[assembly: AssemblyFixture(typeof(AdPolicy.Web.Tests.Infrastructure.PostgresFixture))]

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole run, the first of: ADPOLICY_TEST_POSTGRES; a Testcontainers PostgreSQL 15
/// container when a Docker engine answers; a throwaway cluster from the machine's own binaries (what CI runs; stopped at
/// the end, and one left by a killed run is swept at the next start). A template database is migrated once with the EF
/// Core migrations; each test class gets its own clone of it, on any of the three. The choice is written to the test
/// output and to TestResults/test-postgres.txt.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>The image of the Docker path: the PostgreSQL major version the local path runs (Debian 12's).</summary>
    public const string Image = "postgres:15-alpine";

    private const string Template = "adpolicy_template";
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "adpolicy-test-pg");
    private PostgresCluster? _cluster;
    private PostgreSqlContainer? _container;
    private string? _clusterFolder;
    private NpgsqlConnectionStringBuilder _server = null!;

    public string ServerDescription { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("ADPOLICY_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            _server = new NpgsqlConnectionStringBuilder(external);
            ServerDescription = $"the external server in ADPOLICY_TEST_POSTGRES ({_server.Host}:{_server.Port})";
        }
        else if (DockerEngineAnswers() is { } docker)
        {
            _container = new PostgreSqlBuilder(Image)
                .WithCommand("-c", "max_connections=300")
                .Build();
            await _container.StartAsync();
            _server = new NpgsqlConnectionStringBuilder(_container.GetConnectionString());
            ServerDescription = $"a Testcontainers {Image} container on {docker} ({_server.Host}:{_server.Port})";
        }
        else
        {
            SweepAbandonedClusters();
            _clusterFolder = Path.Combine(Root, $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]);
            Directory.CreateDirectory(_clusterFolder);
            await File.WriteAllTextAsync(Path.Combine(_clusterFolder, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            PostgresCluster.PrepareFolder(Path.Combine(_clusterFolder, "data"));
            var logFile = Path.Combine(_clusterFolder, "postgres.log");
            (_cluster, _) = PostgresCluster.EnsureRunning(Path.Combine(_clusterFolder, "data"), PostgresCluster.FreePort(), logFile, fast: true);
            _server = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString("postgres"));
            ServerDescription = $"a throwaway cluster from {_cluster.BinDir} on port {_cluster.Port} (no Docker engine answered)";
        }

        Report();
        _server.Pooling = true;
        _server.MaxPoolSize = 20;
        await ExecuteAsync("postgres", $"DROP DATABASE IF EXISTS {Template} WITH (FORCE)", allowTemplateDrop: true);
        await ExecuteAsync("postgres", $"CREATE DATABASE {Template}");
        await using (var db = new AppDbContext(AppDbContext.Options(ConnectionString(Template))))
        {
            await new DatabaseMigrations(db, NullLogger<DatabaseMigrations>.Instance).MigrateAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync("postgres", $"ALTER DATABASE {Template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
    }

    /// <summary>
    /// Where a Docker engine answers (DOCKER_HOST, else the rootless and the system socket), or null. One connect
    /// attempt each, so a machine without an engine (ours) loses no time; Testcontainers then finds the same engine.
    /// </summary>
    public static string? DockerEngineAnswers()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host)
        {
            candidates.Add(host);
        }
        else
        {
            if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
            {
                candidates.Add("unix://" + Path.Combine(runtime, "docker.sock"));
            }

            candidates.Add("unix:///var/run/docker.sock");
        }

        return candidates.FirstOrDefault(Answers);
    }

    internal static bool Answers(string endpoint)
    {
        var uri = new Uri(endpoint);
        if (uri.Scheme == "unix" && !File.Exists(uri.AbsolutePath))
        {
            return false;
        }

        using var socket = uri.Scheme == "unix"
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        EndPoint target = uri.Scheme == "unix" ? new UnixDomainSocketEndPoint(uri.AbsolutePath) : new DnsEndPoint(uri.Host, uri.Port);
        try
        {
            return socket.ConnectAsync(target).Wait(TimeSpan.FromSeconds(2)) && socket.Connected;
        }
        catch (AggregateException)
        {
            return false; // refused: a socket file with no engine behind it
        }
    }

    private void Report()
    {
        var line = $"Tests use PostgreSQL: {ServerDescription}";
        TestContext.Current.SendDiagnosticMessage(line);
        Console.Error.WriteLine(line);
        var results = Path.Combine(BrowserFixture.RepositoryRoot(), "TestResults");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, "test-postgres.txt"), line + Environment.NewLine);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            _cluster.Stop(immediate: true);
            TryDelete(_clusterFolder!);
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database }.ConnectionString;

    /// <summary>A fresh database cloned from the migrated template.</summary>
    public async Task<string> CreateDatabaseAsync(string hint)
    {
        var name = $"t_{new string(hint.ToLowerInvariant().Where(char.IsLetterOrDigit).Take(20).ToArray())}_{Guid.NewGuid():N}";
        await ExecuteAsync("postgres", $"CREATE DATABASE \"{name}\" TEMPLATE {Template}");
        return ConnectionString(name);
    }

    /// <summary>An empty database (no migrations): for migration tests.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string hint)
    {
        var name = $"e_{hint}_{Guid.NewGuid():N}";
        await ExecuteAsync("postgres", $"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync("postgres", $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string database, string sql, bool allowTemplateDrop = false)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        if (allowTemplateDrop)
        {
            await using var unmark = new NpgsqlCommand($"UPDATE pg_database SET datistemplate = false WHERE datname = '{Template}'", connection);
            await unmark.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Clusters whose owning test process is gone (a killed run) are stopped and removed.</summary>
    private static void SweepAbandonedClusters()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(Root))
        {
            var pidFile = Path.Combine(folder, "owner.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile), out var pid) && Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            var data = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    PostgresCluster.Existing(data).Stop(immediate: true);
                }
                catch (InvalidOperationException)
                {
                    // Binaries gone or cluster already dead: removing the folder is all that is left.
                }
            }

            TryDelete(folder);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
