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
        var organisationId = User.OrganisationId()!.Value;
        var page = await (string.IsNullOrEmpty(after) ? FirstPage(db, organisationId) : PageAfter(db, organisationId, after)).ToListAsync();
        Promotions = page.Take(PageSize).ToList();
        Delivery = await standings.DeliveryOfAsync([.. Promotions]);
        NextAfter = page.Count > PageSize ? Promotions[^1].ExternalCampaignId : null;
    }

    // Compiled once (issue 17): translating the LINQ query and finding it in EF's cache cost more CPU than running it.
    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<Promotion>> FirstPage = EF.CompileAsyncQuery<AppDbContext, Guid, Promotion>(
        (AppDbContext db, Guid organisationId) => db.Promotions.AsNoTracking()
            .Where(p => db.AdAccounts.Any(a => a.Id == p.AdAccountId && a.OrganisationId == organisationId))
            .Include(p => p.Ads).OrderBy(p => p.ExternalCampaignId).Take(PageSize + 1));

    private static readonly Func<AppDbContext, Guid, string, IAsyncEnumerable<Promotion>> PageAfter = EF.CompileAsyncQuery<AppDbContext, Guid, string, Promotion>(
        (AppDbContext db, Guid organisationId, string after) => db.Promotions.AsNoTracking()
            .Where(p => db.AdAccounts.Any(a => a.Id == p.AdAccountId && a.OrganisationId == organisationId))
            .Where(p => string.Compare(p.ExternalCampaignId, after) > 0)
            .Include(p => p.Ads).OrderBy(p => p.ExternalCampaignId).Take(PageSize + 1));
}
