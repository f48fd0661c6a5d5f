using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Queue;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Queue.Staff;

/// <summary>
/// Every open case in one list (Staff policy: support, reviewers, admins): searched and filtered in SQL, keyset-paged
/// both ways with the total, overdue first by default, saved views per member of staff, CSV export. Claim from the row,
/// or select rows and give them to a colleague.
/// </summary>
public sealed class QueueModel(AppDbContext db, TimeProvider clock, CaseAssignments assignments, QueueReadCache cache, IAuthorizationService authorization, IStringLocalizerFactory localisers) : PageModel
{
    private IStringLocalizer Text => localisers.ForPage("Queue/Staff/Index");

    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public QueueFilter Filter { get; set; } = new();

    public IReadOnlyList<QueueLine> Items { get; private set; } = [];

    public IReadOnlyList<(CaseKind Kind, string Status, long Count)> Counts { get; private set; } = [];

    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];

    /// <summary>For each complaint on this page that has duplicates, how many other open complaints share its group.</summary>
    public IReadOnlyDictionary<Guid, int> Duplicates { get; private set; } = new Dictionary<Guid, int>();

    /// <summary>Whether the signed-in member of staff may claim review requests (reviewers and admins).</summary>
    public bool MayReview { get; private set; }

    /// <summary>What the advertiser field shows: the chosen advertiser's name, or what was typed when it found none or several.</summary>
    public string? AdvertiserText { get; private set; }

    /// <summary>At most this many advertisers are named when a typed name matches several.</summary>
    public const int AdvertiserSuggestions = 10;

    public string? NextCursor { get; private set; }

    public string? PreviousCursor { get; private set; }

    public QueueTotal Total { get; private set; } = new(0, true);

    public IReadOnlyList<SavedView> Views { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>Ready-made views every member of staff has, beside their own.</summary>
    public static IReadOnlyList<(string Name, Dictionary<string, string?> Filter)> BuiltInViews { get; } =
    [
        ("My overdue", new QueueFilter { Assignee = "mine", Overdue = true }.RouteValues()),
        ("IP complaints unassigned", new QueueFilter { Kind = CaseKind.AceComplaint, Reason = nameof(ComplaintType.IntellectualProperty), Assignee = "unassigned" }.RouteValues()),
        ("Disputed refunds", new QueueFilter { Kind = CaseKind.RefundRequest, Status = nameof(RefundStatus.Disputed) }.RouteValues()),
    ];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        CheckFilter();
        await ResolveAdvertiserAsync(cancellationToken);
        var page = await QueueQuery.ReadAsync(db, Filter, User.Id(), Now, PageSize, cancellationToken);
        Items = page.Lines;
        Duplicates = await DuplicateCountsAsync(Items, cancellationToken);
        NextCursor = page.NextCursor;
        PreviousCursor = page.PreviousCursor;
        Counts = await QueueQuery.CountsAsync(db, cancellationToken);
        Total = await QueueQuery.TotalAsync(db, Filter, User.Id(), Now, Counts, cancellationToken);
        Staff = await cache.StaffAsync(db);
        MayReview = (await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded;
        Views = await cache.SavedViewsAsync(db, User.Id(), cancellationToken);
    }

    /// <summary>
    /// The advertiser filter is a name typed in a text field (issue 17: a list of every organisation was sorted and
    /// rendered on each view, and stopped silently at 500): one advertiser whose name is the text, or the only one whose
    /// name starts with it, filters the queue; none or several leave it unfiltered with a sentence beside the field.
    /// </summary>
    private async Task ResolveAdvertiserAsync(CancellationToken cancellationToken)
    {
        var typed = Filter.Advertiser?.Trim();
        Filter.Advertiser = null;
        if (Filter.Organisation is null && !string.IsNullOrEmpty(typed))
        {
            if (typed.Length > QueueFilter.SearchMaxLength)
            {
                ModelState.AddModelError("Filter.Advertiser", Text["An advertiser's name has at most {0} characters.", QueueFilter.SearchMaxLength]);
                return;
            }

            var pattern = LikePattern.Escape(typed) + "%";
            var matches = await db.Organisations.AsNoTracking()
                .Where(o => EF.Functions.ILike(o.Name, pattern, LikePattern.EscapeCharacter))
                .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).Take(AdvertiserSuggestions + 1).ToListAsync(cancellationToken);
            var exact = matches.Where(m => string.Equals(m.Name, typed, StringComparison.OrdinalIgnoreCase)).ToList();
            var chosen = exact.Count > 0 ? exact : matches;
            if (chosen.Count == 1)
            {
                Filter.Organisation = chosen[0].Id;
                AdvertiserText = chosen[0].Name;
                return;
            }

            AdvertiserText = typed;
            var names = string.Join(", ", chosen.Take(AdvertiserSuggestions).Select(m => m.Name));
            ModelState.AddModelError("Filter.Advertiser", chosen.Count == 0
                ? Text["No advertiser's name starts with \"{0}\"; the queue shows every advertiser.", typed]
                : chosen.Count > AdvertiserSuggestions
                    ? Text["More than {0} advertisers' names start with \"{1}\" ({2}); type more of the name.", AdvertiserSuggestions, typed, names]
                    : Text["{0} advertisers' names start with \"{1}\" ({2}); type more of the name.", chosen.Count, typed, names]);
            return;
        }

        if (Filter.Organisation is { } id)
        {
            AdvertiserText = await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        }
    }

    /// <summary>The filtered queue as CSV, in queue order, up to <see cref="QueueQuery.ExactCountLimit"/> rows.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        CheckFilter();
        await ResolveAdvertiserAsync(cancellationToken);
        Filter.After = Filter.Before = null;
        var rows = new List<QueueLine>();
        while (rows.Count < QueueQuery.ExactCountLimit)
        {
            var page = await QueueQuery.ReadAsync(db, Filter, User.Id(), Now, 1000, cancellationToken);
            rows.AddRange(page.Lines);
            if (page.NextCursor is null)
            {
                break;
            }

            Filter.After = page.NextCursor;
        }

        var csv = CsvExport.Write(
            ["Case", "Kind", "Advertiser", "Subject", "Reason", "Status", "Assignee", "Filed (UTC)", "Due (UTC)", "Overdue for review", "Follow-ups"],
            rows.Select(l => new[]
            {
                l.Item.Reference, Display.Words(l.Item.Kind), l.OrganisationName, l.Item.Subject, Display.Words(l.Item.Reason), Display.Words(l.Item.Status),
                l.Item.AssigneeName, Display.Utc(l.Item.FiledAt), l.Item.ClockDueAt is { } due ? Display.Utc(due) : "paused",
                l.Item.OverdueForReview ? "yes" : "no", l.Item.FollowUpCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));
        return File(csv, CsvExport.ContentType, $"queue-{Now:yyyyMMdd-HHmm}.csv");
    }

    public async Task<IActionResult> OnPostSaveViewAsync(string? viewName, CancellationToken cancellationToken)
    {
        CheckFilter();
        await ResolveAdvertiserAsync(cancellationToken);
        var name = viewName?.Trim() ?? string.Empty;
        if (name.Length == 0 || name.Length > SavedView.NameMaxLength)
        {
            TempData["Problem"] = Text["Give the view a name of 1 to {0} characters.", SavedView.NameMaxLength].Value;
            return RedirectToPage(Filter.RouteValues());
        }

        var query = string.Join('&', Filter.RouteValues().Where(v => v.Value is not null).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        if (query.Length > SavedView.QueryMaxLength)
        {
            TempData["Problem"] = Text["These filters are too long to save as a view."].Value;
            return RedirectToPage(Filter.RouteValues());
        }

        var me = User.Id();
        var existing = await db.SavedViews.FirstOrDefaultAsync(v => v.UserId == me && v.Name == name, cancellationToken);
        if (existing is null)
        {
            if (await db.SavedViews.CountAsync(v => v.UserId == me, cancellationToken) >= SavedView.PerUser)
            {
                TempData["Problem"] = Text["You have {0} saved views already; delete one first.", SavedView.PerUser].Value;
                return RedirectToPage(Filter.RouteValues());
            }

            db.SavedViews.Add(new SavedView { Id = Guid.CreateVersion7(clock.GetUtcNow()), UserId = me, Name = name, Query = query, CreatedAt = clock.GetUtcNow() });
        }
        else
        {
            existing.Query = query;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            TempData["Problem"] = Text["A view called \"{0}\" was saved at the same moment; try again.", name].Value;
            return RedirectToPage(Filter.RouteValues());
        }
        finally
        {
            cache.SavedViewsChanged(me);
        }

        TempData["Status"] = existing is null ? Text["Saved the view \"{0}\".", name].Value : Text["Updated the view \"{0}\".", name].Value;
        return RedirectToPage(Filter.RouteValues());
    }

    public async Task<IActionResult> OnPostDeleteViewAsync(Guid viewId, CancellationToken cancellationToken)
    {
        var me = User.Id();
        var deleted = await db.SavedViews.Where(v => v.Id == viewId && v.UserId == me).ExecuteDeleteAsync(cancellationToken);
        cache.SavedViewsChanged(me);
        if (deleted == 0)
        {
            return NotFound();
        }

        TempData["Status"] = Text["View deleted."].Value;
        return RedirectToPage(Filter.RouteValues());
    }

    /// <summary>
    /// A value that is not one of the choices (a hand-edited or old link) is dropped with a message beside its field,
    /// instead of silently finding nothing.
    /// </summary>
    private void CheckFilter()
    {
        if (Filter.Q is { Length: > QueueFilter.SearchMaxLength })
        {
            ModelState.AddModelError("Filter.Q", Text["Search for at most {0} characters.", QueueFilter.SearchMaxLength]);
            Filter.Q = null;
        }

        Filter.Status = Choice(Statuses, Filter.Status);
        Filter.Reason = Choice(Reasons, Filter.Reason);
        if (!string.IsNullOrEmpty(Filter.Status) && !Statuses.Contains(Filter.Status, StringComparer.Ordinal))
        {
            ModelState.AddModelError("Filter.Status", Text["There is no open status called \"{0}\"; choose one from the list.", Filter.Status]);
            Filter.Status = null;
        }

        if (!string.IsNullOrEmpty(Filter.Reason) && !Reasons.Contains(Filter.Reason, StringComparer.Ordinal))
        {
            ModelState.AddModelError("Filter.Reason", Text["There is no reason called \"{0}\"; choose one from the list.", Filter.Reason]);
            Filter.Reason = null;
        }

        if (Filter.Assignee is not ("anyone" or "mine" or "unassigned"))
        {
            Filter.Assignee = "anyone";
        }

        if (Filter.Sort is not ("due" or "age"))
        {
            Filter.Sort = "due";
        }

        Filter.PageNumber = Math.Max(1, Filter.PageNumber);
    }

    /// <summary>
    /// One indexed statement over the page's complaints (by id, then a count by group key for each), never the whole
    /// table; compiled once (issue 17: it was two statements, each translated from LINQ on every view).
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, int>> DuplicateCountsAsync(IReadOnlyList<QueueLine> lines, CancellationToken cancellationToken)
    {
        var ids = lines.Where(l => l.Item.Kind == CaseKind.AceComplaint).Select(l => l.Item.CaseId).ToArray();
        var duplicates = new Dictionary<Guid, int>();
        if (ids.Length == 0)
        {
            return duplicates;
        }

        await foreach (var duplicate in OpenDuplicates(db, ids).WithCancellation(cancellationToken))
        {
            duplicates[duplicate.Id] = duplicate.Others;
        }

        return duplicates;
    }

    /// <summary>For each of these complaints with duplicates, how many other open complaints (filed or in review) share its group.</summary>
    private sealed record Duplicate(Guid Id, int Others);

    private static readonly Func<AppDbContext, Guid[], IAsyncEnumerable<Duplicate>> OpenDuplicates = EF.CompileAsyncQuery(
        (AppDbContext db, Guid[] ids) => db.AceComplaints
            .Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, Open = db.AceComplaints.Count(o => o.GroupId == c.GroupId && (o.Status == ComplaintStatus.Filed || o.Status == ComplaintStatus.InReview)) })
            .Where(c => c.Open > 1)
            .Select(c => new Duplicate(c.Id, c.Open - 1)));

    /// <summary>"disputed" or "In review" from a typed link finds Disputed or InReview; anything else is left to be refused.</summary>
    private static string? Choice(IReadOnlyList<string> choices, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : choices.FirstOrDefault(c => string.Equals(c, value.Trim(), StringComparison.OrdinalIgnoreCase)
                                          || string.Equals(Display.Words(c), value.Trim(), StringComparison.OrdinalIgnoreCase)) ?? value;

    public async Task<IActionResult> OnPostClaimAsync(Guid caseId, CaseKind kind, CancellationToken cancellationToken)
    {
        if (kind == CaseKind.ReviewRequest && !(await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded)
        {
            TempData["Problem"] = Text["Review requests are decided by reviewers: only a reviewer can claim one."].Value;
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
            TempData["Problem"] = Text["Select one or more cases and the colleague to give them to."].Value;
            return RedirectToPage(Filter.RouteValues());
        }

        var assignee = (await StaffDirectory.ListAsync(db)).FirstOrDefault(s => s.Id == assigneeId);
        if (assignee is null)
        {
            TempData["Problem"] = Text["That colleague is not a member of staff."].Value;
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

        TempData["Status"] = Text["Gave {0} case(s) to {1}.", done.Count, assignee.Name].Value;
        if (refused.Count > 0)
        {
            TempData["Problem"] = string.Join(" ", refused);
        }

        return RedirectToPage(Filter.RouteValues());
    }

    /// <summary>Refund reasons, complaint types and appeal issue types: the values of the queue's Reason column.</summary>
    public static IReadOnlyList<string> Reasons { get; } =
        [.. Enum.GetNames<RefundReason>(), .. Enum.GetNames<ComplaintType>(), .. Enum.GetNames<AdPolicy.Domain.Appeals.IssueType>()];

    /// <summary>The statuses an open case can have, whatever its kind.</summary>
    public static IReadOnlyList<string> Statuses { get; } =
        [.. RefundRequest.OpenStates.Select(s => s.ToString())
            .Concat(AceComplaint.AwaitingDecisionStates.Select(s => s.ToString()))
            .Append(nameof(ComplaintStatus.Contested))
            .Concat(AdPolicy.Domain.Appeals.ReviewRequest.OpenStates.Where(s => s != AdPolicy.Domain.Appeals.ReviewStatus.Draft).Select(s => s.ToString()))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// A row's subject in the reader's language: a complaint's category and an appeal's subject are the app's words
    /// (stored in English with the row), a refund's campaign id is a name.
    /// </summary>
    public static string SubjectText(QueueItem item) => item.Kind switch
    {
        CaseKind.AceComplaint => Words.Get(item.Subject),
        CaseKind.ReviewRequest when item.Subject.EndsWith(" appeal", StringComparison.Ordinal)
            && Enum.TryParse<AdPolicy.Domain.Appeals.SubjectKind>(item.Subject[..^" appeal".Length], out var subject) => Words.Format("{0} appeal", Display.Words(subject)),
        _ => item.Subject,
    };

    public static string CasePage(QueueItem item) => item.Kind switch
    {
        CaseKind.RefundRequest => $"/Staff/Refunds/Details/{item.CaseId}",
        CaseKind.AceComplaint => $"/Staff/Complaints/Details/{item.CaseId}",
        CaseKind.ReviewRequest => $"/Staff/Appeals/Details/{item.CaseId}",
        _ => $"/Staff/Appeals/Details/{item.CaseId}",
    };
}
