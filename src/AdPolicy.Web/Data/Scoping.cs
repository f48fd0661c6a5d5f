using AdPolicy.Domain.Promotions;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Data;

/// <summary>Queries limited to one advertiser organisation: an id of another organisation finds nothing (and the page answers 404).</summary>
public static class Scoping
{
    public static IQueryable<Promotion> PromotionsOf(this AppDbContext db, Guid organisationId) =>
        db.Promotions.Where(p => db.AdAccounts.Any(a => a.Id == p.AdAccountId && a.OrganisationId == organisationId));

    public static Task<Promotion?> FindPromotionAsync(this AppDbContext db, Guid organisationId, Guid promotionId, CancellationToken cancellationToken = default) =>
        db.PromotionsOf(organisationId).Include(p => p.Ads).FirstOrDefaultAsync(p => p.Id == promotionId, cancellationToken);
}
