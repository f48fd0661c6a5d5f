using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Data;

public static class CaseLocks
{
    /// <summary>
    /// Takes the case's row lock (in the caller's transaction) and re-reads the case, so what is appended next goes on top
    /// of whatever a colleague appended meanwhile. Notes use it: a note changes nothing a person decided on, so two agents
    /// adding notes at once both succeed, one after the other, instead of one being refused as a conflict.
    /// </summary>
    public static async Task LockForAppendAsync<T>(this AppDbContext db, T entity, CancellationToken cancellationToken)
        where T : class
    {
        var entry = db.Entry(entity);
        var table = entry.Metadata.GetTableName();
        var id = entry.Property("Id").CurrentValue!;
        // The table name comes from the model, never from input; the id is a parameter.
        var sql = "SELECT 1 FROM " + table + " WHERE id = {0} FOR UPDATE";
        await db.Database.ExecuteSqlRawAsync(sql, [id], cancellationToken);
        await entry.ReloadAsync(cancellationToken);
    }
}
