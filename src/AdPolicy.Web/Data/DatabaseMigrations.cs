using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdPolicy.Web.Data;

/// <summary>
/// Brings the database to the model at start-up with EF Core's own migrations (<c>MigrateAsync</c> takes EF's
/// migration lock, so instances starting together migrate once). A database built by the SQL files of earlier
/// releases is adopted first: the EF migrations those files equal are recorded as applied, without running them.
/// </summary>
public sealed partial class DatabaseMigrations(AppDbContext db, ILogger<DatabaseMigrations> logger)
{
    /// <summary>The lock key of the earlier SQL runner, so an old and a new instance starting together do not race.</summary>
    private const long LegacyLockKey = 0x4164506f6c696379;

    /// <summary>Held for the whole of EF's migration run (see <see cref="MigrateAsync"/>).</summary>
    private const long MigrationLockKey = 0x4164506f6c69637a;

    /// <summary>Each EF migration that replaced SQL files, and the files (the old runner's ids) it is equal to.</summary>
    internal static readonly IReadOnlyList<(string Migration, string[] Files)> ReplacedSqlFiles =
    [
        (IdOf<Migrations.Baseline>(), ["0001_platform", "0002_queue_counts", "0003_notifications", "0004_ace", "0005_deadline_service", "0006_appeals", "0007_event_sequences"]),
    ];

    private static string IdOf<T>() where T : Migration => typeof(T).GetCustomAttribute<MigrationAttribute>()!.Id;

    /// <summary>
    /// Every migration this build knows, by id, in order: found the way EF's migrations assembly finds them (subclasses of
    /// <see cref="Migration"/> marked for <see cref="AppDbContext"/>), without building EF's services.
    /// </summary>
    internal static IReadOnlyList<string> KnownMigrations { get; } = typeof(AppDbContext).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract
            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(AppDbContext))
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// Every restart on a current database (issue 17): one connection and two plain queries (do EF's history table and
    /// the earlier SQL runner's table exist; which migrations are recorded) say nothing is to be done, and neither EF's
    /// services, a transaction nor a lock are needed. Anything else (no database, no history table, a database made by
    /// the SQL files, a migration pending) takes the full path: <see cref="MigrateAsync"/>.
    /// </summary>
    /// <returns>true when the database is current; false when the full path must run.</returns>
    public static async Task<bool> IsCurrentAsync(string connectionString, ILogger<DatabaseMigrations> logger, CancellationToken cancellationToken = default)
    {
        // Not pooled: this connection is used once, before the app's own pool (another connection string) exists.
        var unpooled = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var connection = new Npgsql.NpgsqlConnection(unpooled);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InvalidCatalogName)
        {
            return false; // no database yet: the full path creates it
        }

        await using (var tables = new Npgsql.NpgsqlCommand(
            $"SELECT to_regclass('\"{HistoryRepository.DefaultTableName}\"') IS NOT NULL AND to_regclass('public.schema_migrations') IS NULL", connection))
        {
            if (await tables.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return false;
            }
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = new Npgsql.NpgsqlCommand($"SELECT migration_id FROM \"{HistoryRepository.DefaultTableName}\"", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        if (!KnownMigrations.All(applied.Contains))
        {
            return false;
        }

        LogMigrated(logger, KnownMigrations.Count > 0 ? KnownMigrations[^1] : "none");
        return true;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await CreateDatabaseIfMissingAsync(cancellationToken);
        await AdoptSqlMigratedDatabaseAsync(cancellationToken);

        // Every restart on a current database: nothing is pending, so EF's migration run (which also builds the model and
        // compares it with the last migration's snapshot, most of the start-up time) is skipped (issue 17). When something
        // is pending, the run below takes the lock and EF looks again under it, so racing instances still migrate once.
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        if (!db.Database.GetMigrations().Except(applied, StringComparer.Ordinal).Any())
        {
            var current = applied.LastOrDefault() ?? "none";
            LogMigrated(logger, current);
            return;
        }

        // EF's own lock on PostgreSQL is a table lock inside each migration's transaction, so with two pending migrations a
        // second instance can start the second one again after the first commits. A session advisory lock held on the
        // connection EF migrates through keeps the whole run to one instance at a time.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        var latest = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault() ?? "none";
        LogMigrated(logger, latest);
    }

    /// <summary>
    /// On a server without the database: creates it when the user may (CREATEDB), or stops with one sentence saying what
    /// to do (<see cref="DatabaseMissingException"/>).
    /// </summary>
    private async Task CreateDatabaseIfMissingAsync(CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        var target = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        try
        {
            await creator.CreateAsync(cancellationToken);
            LogCreated(logger, target.Database ?? string.Empty, target.Host ?? string.Empty);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new DatabaseMissingException(
                $"The database \"{target.Database}\" does not exist on {target.Host}:{target.Port} and the user \"{target.Username}\" may not create it: "
                + $"create it (CREATE DATABASE \"{target.Database}\" OWNER \"{target.Username}\";) or grant that user CREATEDB, then start AdPolicy again.");
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance starting at the same time created it first.
        }
    }

    private async Task AdoptSqlMigratedDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LegacyLockKey})", cancellationToken);

        // Created here so EF's first look at it on a new database is not logged as a failed command (npgsql/efcore.pg#3407).
        var history = db.GetService<IHistoryRepository>();
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
        var hasSqlHistory = await db.Database
            .SqlQuery<bool>($"SELECT to_regclass('public.schema_migrations') IS NOT NULL AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!hasSqlHistory)
        {
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        var recorded = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(r => r.MigrationId).ToHashSet(StringComparer.Ordinal);
        var appliedFiles = (await db.Database.SqlQuery<string>($"SELECT id AS \"Value\" FROM schema_migrations").ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var unknown = appliedFiles.Except(ReplacedSqlFiles.SelectMany(r => r.Files), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"This database was migrated by SQL files this version does not know ({string.Join(", ", unknown)}): it is newer than this version of AdPolicy. Start the version that made it.");
        }

        var adopted = new List<string>();
        foreach (var (migration, files) in ReplacedSqlFiles)
        {
            if (recorded.Contains(migration))
            {
                continue;
            }

            var missing = files.Where(f => !appliedFiles.Contains(f)).ToList();
            if (missing.Count == files.Length)
            {
                break; // the SQL files stopped before this migration: EF applies it and every later one
            }

            if (missing.Count > 0)
            {
                throw new InvalidOperationException(
                    $"This database was migrated by an older AdPolicy whose SQL files stop before {string.Join(", ", missing)}. Start the release that has those files once, then this one.");
            }

            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(migration, ProductInfo.GetVersion())), cancellationToken);
            adopted.Add(migration);
        }

        await transaction.CommitAsync(cancellationToken);
        if (adopted.Count > 0)
        {
            LogAdopted(logger, adopted);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} did not exist on {Host}: created it")]
    private static partial void LogCreated(ILogger logger, string database, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is at migration {MigrationId}")]
    private static partial void LogMigrated(ILogger logger, string migrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database made by the earlier SQL migration files: recorded {Migrations} as applied without running them")]
    private static partial void LogAdopted(ILogger logger, IReadOnlyList<string> migrations);
}

/// <summary>The database is missing and cannot be created by the app's user; the message says what to do.</summary>
public sealed class DatabaseMissingException(string message) : Exception(message);
