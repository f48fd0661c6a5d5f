using System.Globalization;
using AdPolicy.Domain.Ace;
using AdPolicy.Web.Data;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Deadlines.Staff;

public sealed record DeadlineLine(Deadline Deadline, string Organisation, string Account, string? ComplaintReference, bool ComplaintOverdueForReview);

/// <summary>
/// ACE deadlines for staff: due soon and missed, overall or for one advertiser; a missed one shows what the service
/// did. Admins also see the background sweeps' state and, where the demo clock is switched on, can move time forward.
/// </summary>
public sealed class IndexModel(
    AppDbContext db,
    TimeProvider clock,
    SweepStatus sweeps,
    SweepService sweepService,
    IAuthorizationService authorization,
    IServiceProvider services,
    IStringLocalizerFactory localisers) : PageModel
{
    private IStringLocalizer Text => localisers.ForPage("Deadlines/Staff/Index");

    public const int PageSize = 50;

    /// <summary>soon (pending, soonest first), missed (newest first) or pending (all pending).</summary>
    [BindProperty(SupportsGet = true)]
    public string Show { get; set; } = "soon";

    [BindProperty(SupportsGet = true)]
    public Guid? Organisation { get; set; }

    [BindProperty(SupportsGet = true)]
    [Cursor<Guid>]
    public string? After { get; set; }

    public IReadOnlyList<DeadlineLine> Lines { get; private set; } = [];

    public string? Next { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public int DueWithinADay { get; private set; }

    public int MissedThisWeek { get; private set; }

    public bool IsAdmin { get; private set; }

    public DemoClock? DemoClock => services.GetService<DemoClock>();

    public IReadOnlyDictionary<string, SweepStatus.Entry> Sweeps => sweeps.Entries;

    public IReadOnlyList<(Guid Id, string Name)> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        IsAdmin = (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;
        var query = db.Deadlines.AsNoTracking();
        if (Organisation is { } organisation)
        {
            query = query.Where(d => d.OrganisationId == organisation);
        }

        var (key, id) = ParseCursor(After);
        List<Deadline> page;
        if (Show == "missed")
        {
            query = query.Where(d => d.State == DeadlineState.Missed);
            if (key is { } k)
            {
                query = query.Where(d => d.DueAt <= k).Where(d => d.DueAt < k || d.Id.CompareTo(id) < 0);
            }

            page = await query.OrderByDescending(d => d.DueAt).ThenByDescending(d => d.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        }
        else
        {
            query = query.Where(d => d.State == DeadlineState.Pending);
            if (Show == "soon")
            {
                var horizon = Now.AddHours(48);
                query = query.Where(d => d.DueAt <= horizon);
            }

            if (key is { } k)
            {
                query = query.Where(d => d.DueAt >= k).Where(d => d.DueAt > k || d.Id.CompareTo(id) > 0);
            }

            page = await query.OrderBy(d => d.DueAt).ThenBy(d => d.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        }

        var shown = page.Take(PageSize).ToList();
        if (page.Count > PageSize)
        {
            Next = Cursor.Format(shown[^1].DueAt, shown[^1].Id);
        }

        var accountIds = shown.Select(d => d.AdAccountId).Distinct().ToList();
        var complaintIds = shown.Where(d => d.ComplaintId != null).Select(d => d.ComplaintId!.Value).Distinct().ToList();
        var accounts = await (from a in db.AdAccounts
                              join o in db.Organisations on a.OrganisationId equals o.Id
                              where accountIds.Contains(a.Id)
                              select new { a.Id, Account = a.Name, Organisation = o.Name }).ToDictionaryAsync(a => a.Id, cancellationToken);
        var complaints = await db.AceComplaints.AsNoTracking().Where(c => complaintIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.OverdueForReview, Open = c.Status == ComplaintStatus.Filed || c.Status == ComplaintStatus.InReview })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        Lines = shown.Select(d => new DeadlineLine(
            d,
            accounts[d.AdAccountId].Organisation,
            accounts[d.AdAccountId].Account,
            d.ComplaintId is { } c ? AceComplaint.FormatReference(complaints[c].Number) : null,
            d.ComplaintId is { } c2 && complaints[c2].OverdueForReview && complaints[c2].Open)).ToList();

        var dayAhead = Now.AddDays(1);
        var weekAgo = Now.AddDays(-7);
        DueWithinADay = await db.Deadlines.CountAsync(d => d.State == DeadlineState.Pending && d.DueAt <= dayAhead, cancellationToken);
        MissedThisWeek = await db.Deadlines.CountAsync(d => d.State == DeadlineState.Missed && d.EndedAt >= weekAgo, cancellationToken);
        Organisations = (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).Take(500).ToListAsync(cancellationToken))
            .Select(o => (o.Id, o.Name)).ToList();
    }

    public Task<IActionResult> OnPostAdvanceHourAsync(CancellationToken ct) => AdvanceAsync(_ => Task.FromResult<TimeSpan?>(TimeSpan.FromHours(1)), ct);

    public Task<IActionResult> OnPostAdvanceDayAsync(CancellationToken ct) => AdvanceAsync(_ => Task.FromResult<TimeSpan?>(TimeSpan.FromDays(1)), ct);

    public Task<IActionResult> OnPostAdvanceToNextDueAsync(CancellationToken ct) => AdvanceAsync(
        async now =>
        {
            var next = await db.Deadlines.AsNoTracking()
                .Where(d => d.State == DeadlineState.Pending && d.DueAt > now)
                .OrderBy(d => d.DueAt)
                .Select(d => (DateTimeOffset?)d.DueAt)
                .FirstOrDefaultAsync(ct);
            return next is { } due ? due - now : null;
        },
        ct);

    /// <summary>Moves the demo clock forward and runs the sweeps at once, so the demonstration sees the effect now.</summary>
    private async Task<IActionResult> AdvanceAsync(Func<DateTimeOffset, Task<TimeSpan?>> by, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded)
        {
            return Forbid();
        }

        if (DemoClock is not { } demo)
        {
            TempData["Problem"] = Text["The demo clock is switched off in this environment: time here is the real time."].Value;
            return RedirectToPage();
        }

        var step = await by(clock.GetUtcNow());
        if (step is not { } amount)
        {
            TempData["Problem"] = Text["No pending deadline is due later than now."].Value;
            return RedirectToPage();
        }

        await demo.AdvanceAsync(db, amount, User.Name(), ct);
        var results = await sweepService.RunOnceAsync(ct);
        var enforced = results.TryGetValue("ace-deadlines", out var r) ? r.Done : 0;
        TempData["Status"] = Text["The clock moved forward {0} to {1}; the deadline service ran and handled {2} due deadline(s).", Display.Span(amount), Display.Utc(clock.GetUtcNow()), enforced].Value;
        return RedirectToPage(new { Show, Organisation });
    }

    private static (DateTimeOffset? Key, Guid Id) ParseCursor(string? cursor) =>
        Cursor.TryParse<Guid>(cursor, out var at, out var id) ? (at, id) : (null, Guid.Empty);
}
