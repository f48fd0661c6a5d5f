using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Refunds;

/// <summary>"My cases": the organisation's refund requests, newest first, keyset-paged on (filed_at, id).</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    private static readonly RefundStatus[] Open = [.. RefundRequest.OpenStates];
    private static readonly RefundStatus[] Closed = [.. Enum.GetValues<RefundStatus>().Except(RefundRequest.OpenStates)];
    private static readonly RefundStatus[] All = Enum.GetValues<RefundStatus>();

    // Compiled once, reading only the columns a row shows (issue 17): a LINQ query is walked, hashed and looked up in EF's cache on every view. The tab is a
    // list of statuses rather than a query shape of its own, so two shapes (first page, keyset page) cover all six.
    private static readonly Func<AppDbContext, Guid, RefundStatus[], IAsyncEnumerable<CaseRow>> FirstPage = EF.CompileAsyncQuery(
        (AppDbContext db, Guid organisationId, RefundStatus[] statuses) => db.RefundRequests.AsNoTracking()
            .Where(r => r.OrganisationId == organisationId && statuses.Contains(r.Status))
            .OrderByDescending(r => r.FiledAt).ThenByDescending(r => r.Number)
            .Take(PageSize + 1)
            .Select(r => new CaseRow(r.Id, r.Number, r.CampaignExternalId, r.Reason, r.RequestedAmount, r.Currency, r.Status, r.FiledAt, r.ClockDueAt)));

    private static readonly Func<AppDbContext, Guid, RefundStatus[], DateTimeOffset, long, IAsyncEnumerable<CaseRow>> PageBefore = EF.CompileAsyncQuery(
        (AppDbContext db, Guid organisationId, RefundStatus[] statuses, DateTimeOffset at, long number) => db.RefundRequests.AsNoTracking()
            .Where(r => r.OrganisationId == organisationId && statuses.Contains(r.Status))
            .Where(r => r.FiledAt < at || (r.FiledAt == at && r.Number < number))
            .OrderByDescending(r => r.FiledAt).ThenByDescending(r => r.Number)
            .Take(PageSize + 1)
            .Select(r => new CaseRow(r.Id, r.Number, r.CampaignExternalId, r.Reason, r.RequestedAmount, r.Currency, r.Status, r.FiledAt, r.ClockDueAt)));

    public IReadOnlyList<CaseRow> Cases { get; private set; } = [];

    public string Show { get; private set; } = "open";

    public string? Next { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(string? show, DateTimeOffset? beforeAt, long? beforeNumber)
    {
        Now = clock.GetUtcNow();
        Show = show is "closed" or "all" ? show : "open";
        var organisationId = User.OrganisationId()!.Value;
        var statuses = Show switch { "open" => Open, "closed" => Closed, _ => All };
        var rows = beforeAt is { } at && beforeNumber is { } number
            ? PageBefore(db, organisationId, statuses, at, number)
            : FirstPage(db, organisationId, statuses);
        var page = new List<CaseRow>(PageSize + 1);
        await foreach (var row in rows)
        {
            page.Add(row);
        }

        Cases = page.Take(PageSize).ToList();
        if (page.Count > PageSize)
        {
            var last = Cases[^1];
            Next = $"?show={Show}&beforeAt={Uri.EscapeDataString(last.FiledAt.ToString("O"))}&beforeNumber={last.Number}";
        }
    }
}

/// <summary>One row of "my cases": what the table shows of a refund request.</summary>
public sealed record CaseRow(Guid Id, long Number, string CampaignExternalId, RefundReason Reason, decimal RequestedAmount, string Currency, RefundStatus Status, DateTimeOffset FiledAt, DateTimeOffset? ClockDueAt)
{
    public string Reference => RefundRequest.FormatReference(Number);
}
