using System.Globalization;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Triage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Pages.Staff;

/// <summary>
/// Every open case in one list: filtered in SQL, keyset-paged, overdue first by default. Claim from the row,
/// or select rows and give them to a colleague.
/// </summary>
public sealed class QueueModel(AppDbContext db, TimeProvider clock, CaseAssignments assignments) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public QueueFilter Filter { get; set; } = new();

    public IReadOnlyList<QueueLine> Items { get; private set; } = [];

    public IReadOnlyList<(CaseKind Kind, string Status, int Count)> Counts { get; private set; } = [];

    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Organisations { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var query = ApplyFilters(db.QueueItems.AsNoTracking());
        var (cursorKey, cursorId) = ParseCursor(Filter.After);
        if (Filter.Sort == "age")
        {
            if (cursorKey is { } at)
            {
                query = query.Where(q => q.FiledAt > at || (q.FiledAt == at && q.Id > cursorId));
            }

            query = query.OrderBy(q => q.FiledAt).ThenBy(q => q.Id);
        }
        else
        {
            if (cursorKey is { } due)
            {
                query = query.Where(q => q.SortDue > due || (q.SortDue == due && q.Id > cursorId));
            }

            query = query.OrderBy(q => q.SortDue).ThenBy(q => q.Id);
        }

        var page = await query
            .Take(PageSize + 1)
            .Select(q => new QueueLine(q, db.Organisations.Where(o => o.Id == q.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? ""))
            .ToListAsync(cancellationToken);
        Items = page.Take(PageSize).ToList();
        if (page.Count > PageSize)
        {
            var last = Items[^1].Item;
            var key = Filter.Sort == "age" ? last.FiledAt : last.SortDue;
            NextCursor = $"{key.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{last.Id.ToString(CultureInfo.InvariantCulture)}";
        }

        Counts = (await db.QueueItems.AsNoTracking()
                .GroupBy(q => new { q.Kind, q.Status })
                .Select(g => new { g.Key.Kind, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .OrderBy(c => c.Kind).ThenBy(c => c.Status, StringComparer.Ordinal)
            .Select(c => (c.Kind, c.Status, c.Count))
            .ToList();
        Staff = await StaffDirectory.ListAsync(db);
        Organisations = (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).Take(500).ToListAsync(cancellationToken))
            .Select(o => (o.Id, o.Name)).ToList();
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid caseId, CaseKind kind, CancellationToken cancellationToken)
    {
        var result = await assignments.ClaimAsync(kind, caseId, User.AsStaff(), cancellationToken);
        TempData[result.Succeeded ? "Status" : "Problem"] = result.Message;
        return RedirectToPage(Filter.RouteValues());
    }

    public async Task<IActionResult> OnPostAssignAsync(List<string> selected, Guid? assigneeId, CancellationToken cancellationToken)
    {
        if (selected.Count == 0 || assigneeId is null)
        {
            TempData["Problem"] = "Select one or more cases and the colleague to give them to.";
            return RedirectToPage(Filter.RouteValues());
        }

        var assignee = (await StaffDirectory.ListAsync(db)).FirstOrDefault(s => s.Id == assigneeId);
        if (assignee is null)
        {
            TempData["Problem"] = "That colleague is not a member of staff.";
            return RedirectToPage(Filter.RouteValues());
        }

        var done = new List<string>();
        var refused = new List<string>();
        foreach (var value in selected.Distinct(StringComparer.Ordinal))
        {
            var parts = value.Split(':');
            if (parts.Length != 2 || !Enum.TryParse<CaseKind>(parts[0], out var kind) || !Guid.TryParse(parts[1], out var id))
            {
                continue;
            }

            var result = await assignments.AssignAsync(kind, id, assignee, User.AsStaff(), cancellationToken);
            (result.Succeeded ? done : refused).Add(result.Message);
        }

        TempData["Status"] = $"Gave {done.Count} case(s) to {assignee.Name}.";
        if (refused.Count > 0)
        {
            TempData["Problem"] = string.Join(" ", refused);
        }

        return RedirectToPage(Filter.RouteValues());
    }

    private IQueryable<QueueItem> ApplyFilters(IQueryable<QueueItem> query)
    {
        if (Filter.Kind is { } kind)
        {
            query = query.Where(q => q.Kind == kind);
        }

        if (!string.IsNullOrEmpty(Filter.Status))
        {
            query = query.Where(q => q.Status == Filter.Status);
        }

        if (!string.IsNullOrEmpty(Filter.Reason))
        {
            query = query.Where(q => q.Reason == Filter.Reason);
        }

        var me = User.Id();
        query = Filter.Assignee switch
        {
            "mine" => query.Where(q => q.AssigneeId == me),
            "unassigned" => query.Where(q => q.AssigneeId == null),
            _ => query,
        };
        if (Filter.Overdue)
        {
            var now = Now;
            query = query.Where(q => q.SortDue < now);
        }

        if (Filter.Organisation is { } organisation)
        {
            query = query.Where(q => q.OrganisationId == organisation);
        }

        return query;
    }

    private static (DateTimeOffset? Key, long Id) ParseCursor(string? cursor)
    {
        var parts = cursor?.Split('_');
        if (parts is [var ticks, var id]
            && long.TryParse(ticks, CultureInfo.InvariantCulture, out var t)
            && long.TryParse(id, CultureInfo.InvariantCulture, out var i))
        {
            return (new DateTimeOffset(t, TimeSpan.Zero), i);
        }

        return (null, 0);
    }

    public static IEnumerable<string> Reasons => Enum.GetNames<RefundReason>().Concat(Enum.GetNames<ComplaintType>());

    public static IEnumerable<string> Statuses => Enum.GetNames<RefundStatus>().Where(s => RefundRequest.OpenStates.Select(o => o.ToString()).Contains(s))
        .Concat(AceComplaint.AwaitingDecisionStates.Select(s => s.ToString()))
        .Distinct(StringComparer.Ordinal);

    public static string CasePage(QueueItem item) => item.Kind switch
    {
        CaseKind.RefundRequest => $"/Staff/Refunds/Details/{item.CaseId}",
        CaseKind.AceComplaint => $"/Staff/Complaints/Details/{item.CaseId}",
        _ => $"/Staff/Reviews/Details/{item.CaseId}",
    };
}

public sealed record QueueLine(QueueItem Item, string OrganisationName);

public sealed class QueueFilter
{
    public CaseKind? Kind { get; set; }

    public string? Status { get; set; }

    public string? Reason { get; set; }

    /// <summary>mine, unassigned or anyone.</summary>
    public string Assignee { get; set; } = "anyone";

    public bool Overdue { get; set; }

    public Guid? Organisation { get; set; }

    /// <summary>due (overdue first, then soonest due) or age (oldest first).</summary>
    public string Sort { get; set; } = "due";

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
