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

    /// <summary>The server's log on the throwaway cluster (null on ADPOLICY_BENCH_POSTGRES, whose log this process cannot read).</summary>
    public string? LogFile => _folder is null ? null : Path.Combine(_folder, "postgres.log");

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

    /// <summary>One advertiser organisation with one ad account and one member (bench@example.com); with a staff id, an agent too.</summary>
    public Task SeedAdvertiserAsync(Guid orgId, Guid accountId, Guid? staffId = null) =>
        ExecuteAsync($"""
            INSERT INTO organisations (id, name, region) VALUES ('{orgId}', 'Bench advertiser', 'Emea');
            INSERT INTO ad_accounts (id, organisation_id, name, region, currency) VALUES ('{accountId}', '{orgId}', 'Bench account', 'Emea', 'EUR');
            INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp,
                               concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, display_name, organisation_id)
            SELECT id, name || '@example.com', upper(name) || '@EXAMPLE.COM', name || '@example.com', upper(name) || '@EXAMPLE.COM', true, NULL, 'x', 'x',
                   false, false, true, 0, initcap(name), org
            FROM (VALUES (gen_random_uuid(), 'bench', '{orgId}'::uuid), ({(staffId is { } s ? $"'{s}'::uuid" : "NULL")}, 'agent', NULL)) AS u(id, name, org)
            WHERE id IS NOT NULL;
            """);

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

    /// <summary>
    /// "(columns) SELECT expressions" copying every stored column of <paramref name="table"/> from the row aliased
    /// <paramref name="alias"/>, with <paramref name="overrides"/> (column → SQL expression) instead of some: for copying a
    /// row the app wrote through its domain into many rows, whatever its shape.
    /// </summary>
    public async Task<string> CopyColumnsAsync(string table, Dictionary<string, string> overrides, string alias)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_name = @t AND is_generated = 'NEVER' ORDER BY ordinal_position", connection);
        command.Parameters.AddWithValue("t", table);
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        return $"({string.Join(", ", columns)}) SELECT {string.Join(", ", columns.Select(c => overrides.TryGetValue(c, out var e) ? e : $"{alias}.{c}"))}";
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
