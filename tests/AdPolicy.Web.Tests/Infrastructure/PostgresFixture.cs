using AdPolicy.Web.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

[assembly: AssemblyFixture(typeof(AdPolicy.Web.Tests.Infrastructure.PostgresFixture))]

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole run: ADPOLICY_TEST_POSTGRES when set, otherwise a throwaway cluster from the
/// machine's binaries (stopped at the end; one left by a killed run is swept at the next start). A template database
/// is migrated once; each test class gets its own clone of it.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string Template = "adpolicy_template";
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "adpolicy-test-pg");
    private PostgresCluster? _cluster;
    private string? _clusterFolder;
    private NpgsqlConnectionStringBuilder _server = null!;

    public string ServerDescription { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("ADPOLICY_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            _server = new NpgsqlConnectionStringBuilder(external);
            ServerDescription = $"external server {_server.Host}:{_server.Port}";
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
            ServerDescription = $"throwaway cluster on port {_cluster.Port}";
        }

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

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            _cluster.Stop(immediate: true);
            TryDelete(_clusterFolder!);
        }

        await Task.CompletedTask;
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
