using System.Globalization;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Triage;

public sealed record QueueLine(QueueItem Item, string OrganisationName);

public sealed record QueuePage(IReadOnlyList<QueueLine> Lines, string? NextCursor);

/// <summary>
/// The staff queue's one query: filters in SQL, keyset paging on (sort key, id) so a deep page costs what the first
/// does. Each filter has an index led by its column (see QueueItemConfiguration); the benchmark runs this same code.
/// </summary>
public static class QueueQuery
{
    public static IQueryable<QueueItem> Filtered(AppDbContext db, QueueFilter filter, Guid me, DateTimeOffset now)
    {
        var query = db.QueueItems.AsNoTracking();
        if (filter.Kind is { } kind)
        {
            query = query.Where(q => q.Kind == kind);
        }

        if (!string.IsNullOrEmpty(filter.Status))
        {
            query = query.Where(q => q.Status == filter.Status);
        }

        if (!string.IsNullOrEmpty(filter.Reason))
        {
            query = query.Where(q => q.Reason == filter.Reason);
        }

        query = filter.Assignee switch
        {
            "mine" => query.Where(q => q.AssigneeId == me),
            "unassigned" => query.Where(q => q.AssigneeId == null),
            _ => query,
        };
        if (filter.Overdue)
        {
            query = query.Where(q => q.SortDue < now);
        }

        if (filter.Organisation is { } organisation)
        {
            query = query.Where(q => q.OrganisationId == organisation);
        }

        return query;
    }

    public static IQueryable<QueueItem> Page(AppDbContext db, QueueFilter filter, Guid me, DateTimeOffset now, int size)
    {
        var query = Filtered(db, filter, me, now);
        var (cursorKey, cursorId) = ParseCursor(filter.After);
        if (filter.Sort == "age")
        {
            if (cursorKey is { } at)
            {
                // The first bound is what the index seeks on; the second drops the rows already shown.
                query = query.Where(q => q.FiledAt >= at).Where(q => q.FiledAt > at || q.Id > cursorId);
            }

            return query.OrderBy(q => q.FiledAt).ThenBy(q => q.Id).Take(size + 1);
        }

        if (cursorKey is { } due)
        {
            query = query.Where(q => q.SortDue >= due).Where(q => q.SortDue > due || q.Id > cursorId);
        }

        return query.OrderBy(q => q.SortDue).ThenBy(q => q.Id).Take(size + 1);
    }

    public static async Task<QueuePage> ReadAsync(AppDbContext db, QueueFilter filter, Guid me, DateTimeOffset now, int size, CancellationToken cancellationToken)
    {
        var rows = await Page(db, filter, me, now, size)
            .Select(q => new QueueLine(q, db.Organisations.Where(o => o.Id == q.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? string.Empty))
            .ToListAsync(cancellationToken);
        var lines = rows.Take(size).ToList();
        string? next = null;
        if (rows.Count > size)
        {
            var last = lines[^1].Item;
            var key = filter.Sort == "age" ? last.FiledAt : last.SortDue;
            next = Infrastructure.Cursor.Format(key, last.Id);
        }

        return new QueuePage(lines, next);
    }

    /// <summary>
    /// Open cases per kind and status, exact and cheap at any queue size: the folded totals plus the few deltas
    /// the triggers on queue_items wrote since the last fold (see migration 0002 and <see cref="QueueCounts"/>).
    /// </summary>
    public static async Task<List<(Domain.Evidence.CaseKind Kind, string Status, long Count)>> CountsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        (await db.QueueCounts.AsNoTracking().Select(c => new { c.Kind, c.Status, Delta = c.Cases })
            .Concat(db.QueueCountDeltas.AsNoTracking().Select(d => new { d.Kind, d.Status, Delta = (long)d.Delta }))
            .GroupBy(c => new { c.Kind, c.Status })
            .Select(g => new { g.Key.Kind, g.Key.Status, Count = g.Sum(c => c.Delta) })
            .Where(g => g.Count > 0)
            .ToListAsync(cancellationToken))
        .OrderBy(c => c.Kind).ThenBy(c => c.Status, StringComparer.Ordinal)
        .Select(c => (c.Kind, c.Status, c.Count))
        .ToList();

    private static (DateTimeOffset? Key, long Id) ParseCursor(string? cursor) =>
        Infrastructure.Cursor.TryParse<long>(cursor, out var at, out var id) ? (at, id) : (null, 0);
}

public sealed class QueueFilter
{
    public Domain.Evidence.CaseKind? Kind { get; set; }

    public string? Status { get; set; }

    public string? Reason { get; set; }

    /// <summary>mine, unassigned or anyone.</summary>
    public string Assignee { get; set; } = "anyone";

    public bool Overdue { get; set; }

    public Guid? Organisation { get; set; }

    /// <summary>due (overdue first, then soonest due) or age (oldest first).</summary>
    public string Sort { get; set; } = "due";

    [Infrastructure.Cursor<long>]
    public string? After { get; set; }

    public object RouteValues() => new
    {
        Kind,
        Status,
        Reason,
        Assignee,
        Overdue,
        Organisation,
        Sort,
    };
}
