using AdPolicy.Domain.Appeals;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Appeals;

/// <summary>The organisation's review requests, newest first, keyset-paged on (created_at, number).</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<ReviewRequest> Requests { get; private set; } = [];

    public string? Next { get; private set; }

    public async Task OnGetAsync(DateTimeOffset? beforeAt, long? beforeNumber, CancellationToken cancellationToken)
    {
        var organisationId = User.OrganisationId()!.Value;
        var query = db.ReviewRequests.AsNoTracking().Include(r => r.Items).Where(r => r.OrganisationId == organisationId);
        if (beforeAt is { } at && beforeNumber is { } number)
        {
            query = query.Where(r => r.CreatedAt < at || (r.CreatedAt == at && r.Number < number));
        }

        var page = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Number).Take(PageSize + 1).ToListAsync(cancellationToken);
        Requests = [.. page.Take(PageSize)];
        if (page.Count > PageSize)
        {
            var last = Requests[^1];
            Next = $"?beforeAt={Uri.EscapeDataString(last.CreatedAt.ToString("O"))}&beforeNumber={last.Number}";
        }
    }
}
