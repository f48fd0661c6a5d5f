using System.Globalization;
using AdPolicy.Web.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AdPolicy.Web.Data;

/// <summary>
/// Writes what a context has tracked as added or modified in a few set-based statements — one INSERT … SELECT FROM
/// unnest(…) per table and one UPDATE … FROM unnest(…) per table and set of changed columns — instead of a statement
/// per row. It writes exactly the rows SaveChanges would (the same entities, the same queue projection first, row
/// versions checked), for a batch job whose rows are already locked (the deadline sweep). Entities it cannot write
/// this way (deleted ones, complex or owned members) make it return false untouched: the caller saves with SaveChanges.
/// Runs inside the caller's transaction. Once written, the tracker is cleared: the row versions are not read back, so the
/// entities must not be saved again (and accepting each one's changes only to drop it cost a millisecond a batch).
/// <para>
/// Rows of the types named in <c>lockLast</c> may have been read without a lock: they are locked at the very end of the
/// batch's round trip, in that order and each type by key (<c>FOR NO KEY UPDATE</c>, so rows that merely reference them
/// are not held up), checked to be still as they were read (every column), and only then written, so they are held for
/// the tail of the writes and the commit instead of the whole batch. A row changed or deleted since it was read fails the
/// write (<see cref="DbUpdateConcurrencyException"/>) and the caller's transaction must be rolled back.
/// </para>
/// </summary>
public static class BulkWriter
{
    public static Task<bool> TryWriteAsync(AppDbContext db, CancellationToken cancellationToken) => TryWriteAsync(db, [], cancellationToken);

    /// <param name="db">The context whose tracked changes are written.</param>
    /// <param name="lockLast">Entity types whose tracked rows are locked and checked last, in this order (see the class).</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>False when the changes cannot be written in bulk: nothing is written then, but the <paramref name="lockLast"/> rows are locked and checked all the same, so the caller's SaveChanges may follow.</returns>
    public static async Task<bool> TryWriteAsync(AppDbContext db, IReadOnlyList<Type> lockLast, CancellationToken cancellationToken)
    {
        var tracker = db.ChangeTracker;
        tracker.DetectChanges();
        var auto = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            // The projection reads the tracker many times: one detection above serves them all. The queue rows of complaints
            // leaving the queue are not read: they are deleted by case id with the batch's writes (below).
            var leaving = new List<Guid>();
            await QueueProjection.SyncAsync(db, cancellationToken, leaving);
            // The projection changes only queue rows (and new cases' numbers, set through their entries): only those are scanned again.
            foreach (var item in tracker.Entries<QueueItem>())
            {
                item.DetectChanges();
            }

            var entries = tracker.Entries().Where(e => e.State != EntityState.Unchanged && e.State != EntityState.Detached).ToList();
            var late = lockLast.Select(t => db.Model.FindEntityType(t) ?? throw new ArgumentException($"{t.Name} is not an entity type.", nameof(lockLast))).ToList();
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("The bulk writer runs inside the caller's transaction.");
            await using var batch = new NpgsqlBatch(connection, transaction);
            var expected = new List<Expect>();
            var bulk = !entries.Any(e => e.State == EntityState.Deleted || e.Metadata.IsOwned() || e.Metadata.GetComplexProperties().Any() || e.Metadata.GetTableName() is null);
            if (!bulk)
            {
                // Nothing is written here, but the rows read unlocked are locked and checked before the caller saves them.
                foreach (var type in late)
                {
                    AddLockAndCheck(batch, expected, tracker, type);
                }

                await ExecuteAsync(batch, expected, cancellationToken);
                return false;
            }

            // Inserts in dependency order: a table whose rows reference another added table's rows goes after it.
            var added = entries.Where(e => e.State == EntityState.Added).GroupBy(e => e.Metadata).ToList();
            while (added.Count > 0)
            {
                var next = added.FirstOrDefault(g => !g.Key.GetForeignKeys().Any(fk => fk.PrincipalEntityType != g.Key && added.Any(o => o.Key == fk.PrincipalEntityType)))
                    ?? throw new InvalidOperationException("Added entities reference each other in a cycle.");
                added.Remove(next);
                batch.BatchCommands.Add(Insert(next.Key, next.ToList()));
                expected.Add(new Expect(next.Count()));
            }

            void AddUpdates(IEnumerable<EntityEntry> modified, bool checkTokens)
            {
                foreach (var group in modified.GroupBy(e => (e.Metadata, Columns: string.Join(",", Changed(e).Select(p => p.Name)))))
                {
                    batch.BatchCommands.Add(Update(group.Key.Metadata, Changed(group.First()), group.ToList(), checkTokens));
                    expected.Add(new Expect(group.Count()));
                }
            }

            AddUpdates(entries.Where(e => e.State == EntityState.Modified && !late.Contains(e.Metadata)), checkTokens: true);
            if (leaving.Count > 0)
            {
                // Not counted: a decided complaint's row is normally gone already (as SaveChanges would find it).
                batch.BatchCommands.Add(DeleteQueueRows(db, leaving));
                expected.Add(Expect.Nothing);
            }

            // Last, each type locked and checked, then written: its rows were checked under the lock just taken, so their
            // row versions are not compared again (an unchanged value written again by someone gives a new version, not a conflict).
            foreach (var type in late)
            {
                AddLockAndCheck(batch, expected, tracker, type);
                AddUpdates(entries.Where(e => e.State == EntityState.Modified && e.Metadata == type), checkTokens: false);
            }

            await ExecuteAsync(batch, expected, cancellationToken);
            tracker.Clear();
            return true;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = auto;
        }
    }

    /// <summary>What one statement of the batch must find: the rows it writes, or (<paramref name="Returned"/>) the count it returns; null: anything.</summary>
    private readonly record struct Expect(long? Rows, bool Returned = false)
    {
        public static Expect Nothing => new(null);
    }

    /// <summary>Runs the batch, if it has anything, and compares each statement's rows with what was expected of it.</summary>
    private static async Task ExecuteAsync(NpgsqlBatch batch, List<Expect> expected, CancellationToken cancellationToken)
    {
        if (batch.BatchCommands.Count == 0)
        {
            return;
        }

        // Only the checks return rows (one count each, in batch order); the writes report the rows they changed.
        var counts = new Queue<long>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    counts.Enqueue(reader.GetInt64(0));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var found = expected[i].Returned ? counts.Dequeue() : batch.BatchCommands[i].RecordsAffected;
            if (expected[i].Rows is { } wanted && found != wanted)
            {
                throw new DbUpdateConcurrencyException($"A bulk write found {found} rows where {wanted} were expected (a row changed since it was read).");
            }
        }
    }

    /// <summary>
    /// Locks the tracked rows of <paramref name="type"/> by key (FOR NO KEY UPDATE) and returns those whose every column is
    /// still what was read (the entries' original values), counted: the count must be all of them.
    /// </summary>
    private static void AddLockAndCheck(NpgsqlBatch batch, List<Expect> expected, ChangeTracker tracker, IEntityType type)
    {
        var rows = tracker.Entries().Where(e => e.Metadata == type && e.State is EntityState.Unchanged or EntityState.Modified).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var table = Table(type);
        var key = type.FindPrimaryKey()!.Properties;
        if (key.Count != 1)
        {
            throw new NotSupportedException($"{type.DisplayName()}: only a single-column key is locked last.");
        }

        string Column(IProperty p) => Quote(p.GetColumnName(table)!);
        var compared = type.GetProperties().Where(p => !p.IsPrimaryKey() && !IsStoreGenerated(p) && p.GetColumnName(table) is not null).ToList();
        var command = new NpgsqlBatchCommand();
        var unnest = new List<string>();
        var (keys, keyCast) = Values("k", key[0], table, rows.Select(r => r.Property(key[0].Name).OriginalValue));
        command.Parameters.Add(keys);
        unnest.Add($"@k{keyCast}");
        for (var i = 0; i < compared.Count; i++)
        {
            var (parameter, cast) = Values($"o{i}", compared[i], table, rows.Select(r => r.Property(compared[i].Name).OriginalValue));
            command.Parameters.Add(parameter);
            unnest.Add($"@o{i}{cast}");
        }

        var keyType = key[0].GetColumnType(table);
        var same = compared.Select((p, i) => $"l.{Column(p)} IS NOT DISTINCT FROM u.o{i}::{p.GetColumnType(table)}");
        command.CommandText = $"WITH l AS MATERIALIZED (SELECT * FROM {Quote(table.Name)} WHERE {Column(key[0])} = ANY(@k{keyCast}::{keyType}[]) "
            + $"ORDER BY {Column(key[0])} FOR NO KEY UPDATE) "
            + $"SELECT count(*) FROM l JOIN unnest({string.Join(", ", unnest)}) AS u(k, {string.Join(", ", compared.Select((_, i) => $"o{i}"))}) "
            + $"ON l.{Column(key[0])} = u.k::{keyType} WHERE {string.Join(" AND ", same)}";
        batch.BatchCommands.Add(command);
        expected.Add(new Expect(rows.Count, Returned: true));
    }

    private static NpgsqlBatchCommand DeleteQueueRows(AppDbContext db, List<Guid> caseIds)
    {
        var type = db.Model.FindEntityType(typeof(QueueItem))!;
        var table = Table(type);
        var caseId = type.FindProperty(nameof(QueueItem.CaseId))!.GetColumnName(table)!;
        var command = new NpgsqlBatchCommand($"DELETE FROM {Quote(table.Name)} WHERE {Quote(caseId)} = ANY(@cases)");
        command.Parameters.Add(new NpgsqlParameter("cases", caseIds.ToArray()));
        return command;
    }

    private static List<IProperty> Changed(EntityEntry entry) =>
        entry.Metadata.GetProperties().Where(p => !p.IsPrimaryKey() && entry.Property(p.Name).IsModified && !IsStoreGenerated(p)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    private static bool IsStoreGenerated(IProperty p) => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAddOrUpdate || p.IsConcurrencyToken && p.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;

    private static StoreObjectIdentifier Table(IEntityType type) => StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static NpgsqlBatchCommand Insert(IEntityType type, List<EntityEntry> rows)
    {
        var table = Table(type);
        var columns = type.GetProperties().Where(p => !IsStoreGenerated(p) && p.GetColumnName(table) is not null).ToList();
        var command = new NpgsqlBatchCommand();
        var names = new List<string>();
        var selects = new List<string>();
        var unnest = new List<string>();
        for (var i = 0; i < columns.Count; i++)
        {
            var p = columns[i];
            var (parameter, cast) = Values($"p{i}", p, table, rows.Select(r => r.Property(p.Name).CurrentValue));
            command.Parameters.Add(parameter);
            names.Add(Quote(p.GetColumnName(table)!));
            selects.Add($"u.c{i}::{p.GetColumnType(table)}");
            unnest.Add($"@p{i}{cast}");
        }

        command.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", names)}) SELECT {string.Join(", ", selects)} "
            + $"FROM unnest({string.Join(", ", unnest)}) AS u({string.Join(", ", columns.Select((_, i) => $"c{i}"))})";
        return command;
    }

    private static NpgsqlBatchCommand Update(IEntityType type, List<IProperty> changed, List<EntityEntry> rows, bool checkTokens)
    {
        var table = Table(type);
        var keys = type.FindPrimaryKey()!.Properties;
        var tokens = checkTokens ? type.GetProperties().Where(p => p.IsConcurrencyToken).ToList() : [];
        var command = new NpgsqlBatchCommand();
        var all = new List<(string Alias, IProperty Property, Func<EntityEntry, object?> Value)>();
        all.AddRange(keys.Select((p, i) => ($"k{i}", p, (Func<EntityEntry, object?>)(r => r.Property(p.Name).CurrentValue))));
        all.AddRange(changed.Select((p, i) => ($"c{i}", p, (Func<EntityEntry, object?>)(r => r.Property(p.Name).CurrentValue))));
        all.AddRange(tokens.Select((p, i) => ($"t{i}", p, (Func<EntityEntry, object?>)(r => r.Property(p.Name).OriginalValue))));
        var unnest = new List<string>();
        foreach (var (alias, p, value) in all)
        {
            var (parameter, cast) = Values(alias, p, table, rows.Select(value));
            command.Parameters.Add(parameter);
            unnest.Add($"@{alias}{cast}");
        }

        string Column(IProperty p) => Quote(p.GetColumnName(table)!);
        var set = string.Join(", ", changed.Select((p, i) => $"{Column(p)} = u.c{i}::{p.GetColumnType(table)}"));
        var where = string.Join(" AND ", keys.Select((p, i) => $"t.{Column(p)} = u.k{i}::{p.GetColumnType(table)}")
            .Concat(tokens.Select((p, i) => $"t.{Column(p)} = u.t{i}::{p.GetColumnType(table)}")));
        command.CommandText = $"UPDATE {Quote(table.Name)} AS t SET {set} FROM unnest({string.Join(", ", unnest)}) "
            + $"AS u({string.Join(", ", all.Select(a => a.Alias))}) WHERE {where}";
        return command;
    }

    /// <summary>
    /// A column's values as one array parameter: typed (uuid[], timestamptz[], boolean[], integer[], bigint[], text[]) when
    /// the column is of that type, so nothing is formatted here and parsed again there; else as text, cast by the statement.
    /// Returns the parameter and the cast its unnest needs (none for a typed array).
    /// </summary>
    private static (NpgsqlParameter Parameter, string Cast) Values(string name, IProperty property, StoreObjectIdentifier table, IEnumerable<object?> values)
    {
        var converter = property.GetTypeMapping().Converter;
        var provider = converter?.ProviderClrType ?? property.ClrType;
        var type = Nullable.GetUnderlyingType(provider) ?? provider;
        var column = property.GetColumnType(table);
        IEnumerable<object?> stored = converter is null ? values : values.Select(v => v is null ? null : converter.ConvertToProvider(v));
        object? typed = column switch
        {
            "uuid" when type == typeof(Guid) => stored.Select(v => (Guid?)v).ToArray(),
            "timestamp with time zone" when type == typeof(DateTimeOffset) => stored.Select(v => ((DateTimeOffset?)v)?.ToUniversalTime()).ToArray(),
            "boolean" when type == typeof(bool) => stored.Select(v => (bool?)v).ToArray(),
            "integer" when type == typeof(int) => stored.Select(v => (int?)v).ToArray(),
            "bigint" when type == typeof(long) => stored.Select(v => (long?)v).ToArray(),
            _ when type == typeof(string) => stored.Select(v => (string?)v).ToArray(),
            _ => null,
        };
        return typed is not null
            ? (new NpgsqlParameter(name, typed), string.Empty)
            : (new NpgsqlParameter(name, values.Select(v => Text(property, v)).ToArray()), "::text[]");
    }

    /// <summary>The column's value as PostgreSQL reads it from text (the statement casts it to the column's type).</summary>
    private static string? Text(IProperty property, object? value)
    {
        if (property.GetTypeMapping().Converter is { } converter && value is not null)
        {
            value = converter.ConvertToProvider(value);
        }

        return value switch
        {
            null => null,
            string s => s,
            Guid g => g.ToString(),
            DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            byte[] bytes => "\\x" + Convert.ToHexString(bytes),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name}: a {value.GetType().Name} is not written in bulk."),
        };
    }
}
