using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>
/// Builds a database the way releases before EF Core migrations did: the SQL files 0001–0007 (kept here only as a
/// test fixture), each in its own transaction, recorded in schema_migrations with its checksum.
/// </summary>
public static class LegacySql
{
    public static IReadOnlyList<(string Id, string Sql)> Files { get; } = Load();

    public static async Task BuildAsync(string connectionString, string? upTo = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, null, """
            CREATE TABLE schema_migrations (
                id text PRIMARY KEY,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """);
        foreach (var (id, sql) in Files.Where(f => upTo is null || string.CompareOrdinal(f.Id, upTo) <= 0))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, transaction, sql);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (id, checksum) VALUES (@id, @checksum)", connection, transaction);
            record.Parameters.AddWithValue("id", id);
            record.Parameters.AddWithValue("checksum", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n")))));
            await record.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private static List<(string Id, string Sql)> Load()
    {
        const string prefix = "LegacySqlMigrations.";
        var assembly = typeof(LegacySql).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!, Encoding.UTF8);
                return (n[prefix.Length..^4], reader.ReadToEnd());
            })
            .ToList();
    }
}
