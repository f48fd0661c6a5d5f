using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AdPolicy.Benchmarks;

/// <summary>A migrated database for a benchmark: on ADPOLICY_BENCH_POSTGRES, or on a throwaway cluster from the local binaries.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly PostgresCluster? _cluster;
    private readonly string? _folder;

    private BenchDatabase(string connectionString, PostgresCluster? cluster, string? folder)
    {
        ConnectionString = connectionString;
        _cluster = cluster;
        _folder = folder;
    }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string name)
    {
        PostgresCluster? cluster = null;
        string? folder = null;
        string server;
        if (Environment.GetEnvironmentVariable("ADPOLICY_BENCH_POSTGRES") is { Length: > 0 } external)
        {
            server = external;
        }
        else
        {
            folder = Path.Combine(Path.GetTempPath(), $"adpolicy-bench-{Environment.ProcessId}");
            PostgresCluster.PrepareFolder(Path.Combine(folder, "data"));
            (cluster, _) = PostgresCluster.EnsureRunning(Path.Combine(folder, "data"), PostgresCluster.FreePort(), Path.Combine(folder, "postgres.log"), fast: true);
            server = cluster.ConnectionString("postgres");
        }

        var builder = new NpgsqlConnectionStringBuilder(server);
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        builder.Database = name;
        builder.MaxPoolSize = 60;
        builder.CommandTimeout = 600;
        await using (var db = new AppDbContext(AppDbContext.Options(builder.ConnectionString)))
        {
            await new DatabaseMigrations(db, NullLogger<DatabaseMigrations>.Instance).MigrateAsync();
        }

        return new BenchDatabase(builder.ConnectionString, cluster, folder);
    }

    public AppDbContext Context() => new(AppDbContext.Options(ConnectionString));

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            _cluster.Stop(immediate: true);
            try
            {
                Directory.Delete(_folder!, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return ValueTask.CompletedTask;
    }
}
