using AdPolicy.Web.Data;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>The SQL migrations build exactly the schema the EF model describes.</summary>
public sealed class SchemaTests(PostgresFixture postgres)
{
    [Fact]
    public async Task MigratedSchema_EqualsTheSchemaTheModelWouldCreate()
    {
        var migrated = await postgres.CreateDatabaseAsync("schema_migrated");
        var fromModel = await postgres.CreateEmptyDatabaseAsync("schema_model");
        try
        {
            await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(fromModel).Options))
            {
                await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
            }

            var expected = await DescribeAsync(fromModel);
            var actual = await DescribeAsync(migrated);

            Assert.NotEmpty(expected);
            Assert.Equal(expected.Except(actual).ToList(), []);
            Assert.Equal(actual.Except(expected).ToList(), []);
        }
        finally
        {
            await postgres.DropDatabaseAsync(migrated);
            await postgres.DropDatabaseAsync(fromModel);
        }
    }

    [Fact]
    public async Task SchemaComparison_SeesADroppedColumn()
    {
        var database = await postgres.CreateDatabaseAsync("schema_drift");
        try
        {
            var before = await DescribeAsync(database);
            await using (var connection = new NpgsqlConnection(database))
            {
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var alter = new NpgsqlCommand("ALTER TABLE promotions DROP COLUMN objective", connection);
                await alter.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            var after = await DescribeAsync(database);

            Assert.Contains(before.Except(after), line => line.Contains("promotions.objective", StringComparison.Ordinal));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Migrations_RunTwiceAndConcurrently_ApplyEachFileOnce()
    {
        var database = await postgres.CreateEmptyDatabaseAsync("schema_concurrent");
        try
        {
            var migrator = new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance);
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => migrator.MigrateAsync(database)));
            await migrator.MigrateAsync(database);

            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
            Assert.Equal((long)DatabaseMigrator.Embedded.Count, (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    /// <summary>Tables and columns (with type, nullability, default), constraints, indexes and sequences, as sorted lines.</summary>
    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        const string sql = """
            SELECT 'column ' || c.table_name || '.' || c.column_name || ' ' || c.data_type
                || coalesce('(' || c.character_maximum_length || ')', '')
                || coalesce(' p' || c.numeric_precision || ',' || c.numeric_scale, '')
                || ' null=' || c.is_nullable || ' identity=' || c.is_identity
                || coalesce(' default=' || c.column_default, '')
            FROM information_schema.columns c
            WHERE c.table_schema = 'public' AND c.table_name <> 'schema_migrations'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migrations'
            UNION ALL
            SELECT 'index ' || indexdef
            FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
            UNION ALL
            SELECT 'sequence ' || sequence_name || ' start=' || start_value || ' increment=' || increment
            FROM information_schema.sequences
            WHERE sequence_schema = 'public'
            """;
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
