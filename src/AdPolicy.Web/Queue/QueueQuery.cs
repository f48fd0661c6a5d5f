using System.Globalization;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Queue;

public sealed record QueueLine(QueueItem Item, string OrganisationName);

/// <param name="Lines">The rows of this page, in queue order.</param>
/// <param name="NextCursor">The cursor of the next page, or null on the last.</param>
/// <param name="PreviousCursor">The cursor of the previous page (for <see cref="QueueFilter.Before"/>), or null on the first.</param>
public sealed record QueuePage(IReadOnlyList<QueueLine> Lines, string? NextCursor, string? PreviousCursor);

/// <param name="Count">How many open cases match.</param>
/// <param name="IsExact">False when <paramref name="Count"/> is PostgreSQL's estimate (counting would read too many rows).</param>
public sealed record QueueTotal(long Count, bool IsExact);

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

        if (filter.SearchTerm is { } term)
        {
            // Ids and emails are matched as substrings through the trigram index (three characters or more); words in any
            // order ("outdoor lumen") through the full-text index. PostgreSQL ORs the two bitmap index scans.
            if (term.Length >= 3)
            {
                var pattern = "%" + Infrastructure.LikePattern.Escape(term) + "%";
                query = query.Where(q => EF.Functions.Like(q.SearchText, pattern, Infrastructure.LikePattern.EscapeCharacter) || q.SearchVector.Matches(EF.Functions.PlainToTsQuery("simple", term)));
            }
            else
            {
                query = query.Where(q => q.SearchVector.Matches(EF.Functions.PlainToTsQuery("simple", term)));
            }
        }

        return query;
    }

    /// <summary>Up to this many matches are counted exactly; beyond, the planner's estimate is shown, and said to be one.</summary>
    public const int ExactCountLimit = 10_000;

    /// <summary>
    /// How many cases match: the folded counters when nothing is filtered, an exact count up to
    /// <see cref="ExactCountLimit"/> (reading at most that many index entries), else PostgreSQL's estimate.
    /// </summary>
    /// <param name="counts">The counts per kind and status when the caller has read them already (the unfiltered total is their sum).</param>
    public static async Task<QueueTotal> TotalAsync(
        AppDbContext db, QueueFilter filter, Guid me, DateTimeOffset now, IReadOnlyList<(Domain.Evidence.CaseKind Kind, string Status, long Count)>? counts, CancellationToken cancellationToken)
    {
        if (!filter.IsFiltered)
        {
            return new QueueTotal((counts ?? await CountsAsync(db, cancellationToken)).Sum(c => c.Count), IsExact: true);
        }

        var query = Filtered(db, filter, me, now);
        var counted = await query.Select(q => q.Id).Take(ExactCountLimit + 1).CountAsync(cancellationToken);
        if (counted <= ExactCountLimit)
        {
            return new QueueTotal(counted, IsExact: true);
        }

        return new QueueTotal(Math.Max(await EstimateAsync(db, query, cancellationToken), ExactCountLimit + 1), IsExact: false);
    }

    private static async Task<long> EstimateAsync(AppDbContext db, IQueryable<QueueItem> query, CancellationToken cancellationToken)
    {
        await using var command = query.Select(q => q.Id).CreateDbCommand();
        command.CommandText = "EXPLAIN (FORMAT JSON) " + command.CommandText;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var json = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
            using var plan = System.Text.Json.JsonDocument.Parse(json);
            return (long)plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static IQueryable<QueueItem> Page(AppDbContext db, QueueFilter filter, Guid me, DateTimeOffset now, int size)
    {
        var query = Filtered(db, filter, me, now);
        if (ParseCursor(filter.Before) is ({ } beforeKey, var beforeId))
        {
            // A previous page: the rows just before the cursor, read backwards down the same index, turned round by the caller.
            return filter.Sort == "age"
                ? query.Where(q => q.FiledAt <= beforeKey).Where(q => q.FiledAt < beforeKey || q.Id < beforeId)
                    .OrderByDescending(q => q.FiledAt).ThenByDescending(q => q.Id).Take(size + 1)
                : query.Where(q => q.SortDue <= beforeKey).Where(q => q.SortDue < beforeKey || q.Id < beforeId)
                    .OrderByDescending(q => q.SortDue).ThenByDescending(q => q.Id).Take(size + 1);
        }

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
        var rows = new List<QueueLine>(size + 1);
        await foreach (var row in Lines(db, filter, me, now, size).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        var lines = rows.Take(size).ToList();
        var backwards = ParseCursor(filter.Before).Key is not null;
        if (backwards)
        {
            lines.Reverse();
        }

        var moreAhead = !backwards && rows.Count > size;
        var moreBehind = backwards ? rows.Count > size : filter.After is not null && lines.Count > 0;
        var next = lines.Count > 0 && (moreAhead || backwards) ? Cursor(filter, lines[^1].Item) : null;
        var previous = lines.Count > 0 && moreBehind ? Cursor(filter, lines[0].Item) : null;
        return new QueuePage(lines, next, previous);
    }

    /// <summary>
    /// The page's rows with their advertiser's name. The queue as it opens (nothing filtered, soonest due first) and its
    /// next pages are compiled queries (issue 17: most views are these, and a LINQ query is walked, hashed and looked up
    /// in EF's cache on each); every other filter, order and direction is built from <see cref="Page"/>.
    /// </summary>
    private static IAsyncEnumerable<QueueLine> Lines(AppDbContext db, QueueFilter filter, Guid me, DateTimeOffset now, int size)
    {
        if (!filter.IsFiltered && filter.Sort != "age" && ParseCursor(filter.Before).Key is null)
        {
            return ParseCursor(filter.After) is ({ } due, var id) ? UnfilteredAfter(db, due, id, size + 1) : Unfiltered(db, size + 1);
        }

        return Page(db, filter, me, now, size).Select(Shown)
            .Select(q => new QueueLine(q, db.Organisations.Where(o => o.Id == q.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? string.Empty))
            .AsAsyncEnumerable();
    }

    /// <summary>
    /// A row as the queue shows it: every column but the search text and its words (up to 2,000 characters and their
    /// lexemes a row, read and parsed for nothing: the page filters on them in SQL and never shows them).
    /// </summary>
    private static readonly System.Linq.Expressions.Expression<Func<QueueItem, QueueItem>> Shown = q => new QueueItem
    {
        Id = q.Id, CaseId = q.CaseId, Kind = q.Kind, Reference = q.Reference, OrganisationId = q.OrganisationId, Subject = q.Subject,
        Status = q.Status, Reason = q.Reason, AssigneeId = q.AssigneeId, AssigneeName = q.AssigneeName, FiledAt = q.FiledAt,
        ClockDueAt = q.ClockDueAt, SortDue = q.SortDue, FollowUpCount = q.FollowUpCount, LastFollowUpAt = q.LastFollowUpAt,
        OverdueForReview = q.OverdueForReview, UpdatedAt = q.UpdatedAt,
    };

    private static readonly Func<AppDbContext, int, IAsyncEnumerable<QueueLine>> Unfiltered = EF.CompileAsyncQuery(
        (AppDbContext db, int take) => db.QueueItems.AsNoTracking()
            .OrderBy(q => q.SortDue).ThenBy(q => q.Id).Take(take).Select(Shown)
            .Select(q => new QueueLine(q, db.Organisations.Where(o => o.Id == q.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? string.Empty)));

    private static readonly Func<AppDbContext, DateTimeOffset, long, int, IAsyncEnumerable<QueueLine>> UnfilteredAfter = EF.CompileAsyncQuery(
        (AppDbContext db, DateTimeOffset due, long id, int take) => db.QueueItems.AsNoTracking()
            .Where(q => q.SortDue >= due).Where(q => q.SortDue > due || q.Id > id)
            .OrderBy(q => q.SortDue).ThenBy(q => q.Id).Take(take).Select(Shown)
            .Select(q => new QueueLine(q, db.Organisations.Where(o => o.Id == q.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? string.Empty)));

    private static string Cursor(QueueFilter filter, QueueItem row)
    {
        var key = filter.Sort == "age" ? row.FiledAt : row.SortDue;
        return Infrastructure.Cursor.Format(key, row.Id);
    }

    /// <summary>
    /// Open cases per kind and status, exact and cheap at any queue size: the folded totals plus the few deltas
    /// the triggers on queue_items wrote since the last fold (see migration 0002 and <see cref="QueueCounts"/>).
    /// </summary>
    public static async Task<List<(Domain.Evidence.CaseKind Kind, string Status, long Count)>> CountsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var counts = new List<(Domain.Evidence.CaseKind Kind, string Status, long Count)>();
        await foreach (var c in CountRows(db).WithCancellation(cancellationToken))
        {
            counts.Add((c.Kind, c.Status, c.Count));
        }

        counts.Sort((x, y) => x.Kind != y.Kind ? x.Kind.CompareTo(y.Kind) : string.CompareOrdinal(x.Status, y.Status));
        return counts;
    }

    private sealed record CountRow(Domain.Evidence.CaseKind Kind, string Status, long Count);

    /// <summary>The folded totals plus the deltas not folded yet, per kind and status; compiled once (it runs on every view of the queue).</summary>
    private static readonly Func<AppDbContext, IAsyncEnumerable<CountRow>> CountRows = EF.CompileAsyncQuery(
        (AppDbContext db) => db.QueueCounts.AsNoTracking().Select(c => new { c.Kind, c.Status, Delta = c.Cases })
            .Concat(db.QueueCountDeltas.AsNoTracking().Select(d => new { d.Kind, d.Status, Delta = (long)d.Delta }))
            .GroupBy(c => new { c.Kind, c.Status })
            .Select(g => new { g.Key.Kind, g.Key.Status, Count = g.Sum(c => c.Delta) })
            .Where(g => g.Count > 0)
            .Select(g => new CountRow(g.Kind, g.Status, g.Count)));

    private static (DateTimeOffset? Key, long Id) ParseCursor(string? cursor) =>
        Infrastructure.Cursor.TryParse<long>(cursor, out var at, out var id) ? (at, id) : (null, 0);
}

public sealed class QueueFilter
{
    public const int SearchMaxLength = 200;

    /// <summary>The search box: a reference, advertiser, campaign or ad id, or complainant email.</summary>
    public string? Q { get; set; }

    public Domain.Evidence.CaseKind? Kind { get; set; }

    public string? Status { get; set; }

    public string? Reason { get; set; }

    /// <summary>mine, unassigned or anyone.</summary>
    public string Assignee { get; set; } = "anyone";

    public bool Overdue { get; set; }

    public Guid? Organisation { get; set; }

    /// <summary>An advertiser's name (or its start) as typed in the filter; the page turns it into <see cref="Organisation"/>.</summary>
    public string? Advertiser { get; set; }

    /// <summary>due (overdue first, then soonest due) or age (oldest first).</summary>
    public string Sort { get; set; } = "due";

    [Infrastructure.Cursor<long>]
    public string? After { get; set; }

    public string? Before { get; set; }

    /// <summary>The page number shown ("51–100 of …"); the cursors do the paging.</summary>
    public int PageNumber { get; set; } = 1;

    /// <summary>The search text as matched: trimmed, lower-cased (the column is), null when empty.</summary>
    public string? SearchTerm => string.IsNullOrWhiteSpace(Q) ? null : Q.Trim().ToLowerInvariant();

    public bool IsFiltered =>
        SearchTerm is not null || Kind is not null || !string.IsNullOrEmpty(Status) || !string.IsNullOrEmpty(Reason)
        || Assignee != "anyone" || Overdue || Organisation is not null;

    /// <summary>The filters without the paging, for links, redirects and saved views.</summary>
    public Dictionary<string, string?> RouteValues() => new()
    {
        ["Filter.Q"] = SearchTerm is null ? null : Q!.Trim(),
        ["Filter.Kind"] = Kind?.ToString(),
        ["Filter.Status"] = string.IsNullOrEmpty(Status) ? null : Status,
        ["Filter.Reason"] = string.IsNullOrEmpty(Reason) ? null : Reason,
        ["Filter.Assignee"] = Assignee == "anyone" ? null : Assignee,
        ["Filter.Overdue"] = Overdue ? "true" : null,
        ["Filter.Organisation"] = Organisation?.ToString(),
        ["Filter.Sort"] = Sort == "due" ? null : Sort,
    };
}
