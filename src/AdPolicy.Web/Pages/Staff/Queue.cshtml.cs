using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Triage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Pages.Staff;

/// <summary>
/// Every open case in one list: filtered in SQL, keyset-paged, overdue first by default. Claim from the row,
/// or select rows and give them to a colleague.
/// </summary>
public sealed class QueueModel(AppDbContext db, TimeProvider clock, CaseAssignments assignments, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public QueueFilter Filter { get; set; } = new();

    public IReadOnlyList<QueueLine> Items { get; private set; } = [];

    public IReadOnlyList<(CaseKind Kind, string Status, long Count)> Counts { get; private set; } = [];

    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Organisations { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var page = await QueueQuery.ReadAsync(db, Filter, User.Id(), Now, PageSize, cancellationToken);
        Items = page.Lines;
        NextCursor = page.NextCursor;
        Counts = await QueueQuery.CountsAsync(db, cancellationToken);
        Staff = await StaffDirectory.ListAsync(db);
        Organisations = (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).Take(500).ToListAsync(cancellationToken))
            .Select(o => (o.Id, o.Name)).ToList();
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid caseId, CaseKind kind, CancellationToken cancellationToken)
    {
        if (kind == CaseKind.ReviewRequest && !(await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded)
        {
            TempData["Problem"] = "Review requests are decided by reviewers: only a reviewer can claim one.";
            return RedirectToPage(Filter.RouteValues());
        }

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

            var result = await assignments.AssignAsync(kind, id, assignee, User, cancellationToken);
            (result.Succeeded ? done : refused).Add(result.Message);
        }

        TempData["Status"] = $"Gave {done.Count} case(s) to {assignee.Name}.";
        if (refused.Count > 0)
        {
            TempData["Problem"] = string.Join(" ", refused);
        }

        return RedirectToPage(Filter.RouteValues());
    }

    public static IEnumerable<string> Reasons => Enum.GetNames<RefundReason>().Concat(Enum.GetNames<ComplaintType>());

    public static IEnumerable<string> Statuses => Enum.GetNames<RefundStatus>().Where(s => RefundRequest.OpenStates.Select(o => o.ToString()).Contains(s))
        .Concat(AceComplaint.AwaitingDecisionStates.Select(s => s.ToString()))
        .Distinct(StringComparer.Ordinal);

    public static string CasePage(QueueItem item) => item.Kind switch
    {
        CaseKind.RefundRequest => $"/Staff/Refunds/Details/{item.CaseId}",
        CaseKind.AceComplaint => $"/Staff/Complaints/Details/{item.CaseId}",
        CaseKind.ReviewRequest => $"/Staff/Reviews/Details/{item.CaseId}",
        _ => $"/Staff/Reviews/Details/{item.CaseId}",
    };
}
