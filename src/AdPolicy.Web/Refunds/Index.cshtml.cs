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

    public IReadOnlyList<RefundRequest> Cases { get; private set; } = [];

    public string Show { get; private set; } = "open";

    public string? Next { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(string? show, DateTimeOffset? beforeAt, long? beforeNumber)
    {
        Now = clock.GetUtcNow();
        Show = show is "closed" or "all" ? show : "open";
        var organisationId = User.OrganisationId()!.Value;
        var query = db.RefundRequests.AsNoTracking().Where(r => r.OrganisationId == organisationId);
        var open = RefundRequest.OpenStates;
        query = Show switch
        {
            "open" => query.Where(r => open.Contains(r.Status)),
            "closed" => query.Where(r => !open.Contains(r.Status)),
            _ => query,
        };
        if (beforeAt is { } at && beforeNumber is { } number)
        {
            query = query.Where(r => r.FiledAt < at || (r.FiledAt == at && r.Number < number));
        }

        var page = await query.OrderByDescending(r => r.FiledAt).ThenByDescending(r => r.Number).Take(PageSize + 1).ToListAsync();
        Cases = page.Take(PageSize).ToList();
        if (page.Count > PageSize)
        {
            var last = Cases[^1];
            Next = $"?show={Show}&beforeAt={Uri.EscapeDataString(last.FiledAt.ToString("O"))}&beforeNumber={last.Number}";
        }
    }
}
