using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Accounts.Promotions;

/// <summary>The advertiser's promotions: spend, promised against delivered, and whether each delivers now and why not. Keyset-paged by campaign id.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock, AceStandings standings) : PageModel
{
    public const int PageSize = 25;

    public IReadOnlyList<Promotion> Promotions { get; private set; } = [];

    public string? NextAfter { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>Whether each promotion delivers now, from its status, its ads and the account's standing.</summary>
    public Deliveries Delivery { get; private set; } = Deliveries.None;

    public async Task OnGetAsync(string? after)
    {
        Now = clock.GetUtcNow();
        var query = db.PromotionsOf(User.OrganisationId()!.Value).AsNoTracking();
        if (!string.IsNullOrEmpty(after))
        {
            query = query.Where(p => string.Compare(p.ExternalCampaignId, after) > 0);
        }

        var page = await query.Include(p => p.Ads).OrderBy(p => p.ExternalCampaignId).Take(PageSize + 1).ToListAsync();
        Promotions = page.Take(PageSize).ToList();
        Delivery = await standings.DeliveryOfAsync([.. Promotions]);
        NextAfter = page.Count > PageSize ? Promotions[^1].ExternalCampaignId : null;
    }
}
