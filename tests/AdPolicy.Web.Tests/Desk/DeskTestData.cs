using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Desk;

internal static class DeskTestData
{
    /// <summary>An advertiser whose organisation has the given name (for search and CSV tests).</summary>
    public static async Task<Advertiser> CreateNamedAdvertiserAsync(this AppFactory app, string name, Region region = Region.Emea)
    {
        var organisation = new Organisation(Guid.NewGuid(), name, region);
        var account = new AdAccount(Guid.NewGuid(), organisation.Id, "Main account", region, "EUR");
        await app.WithDbAsync(async db =>
        {
            db.Organisations.Add(organisation);
            db.AdAccounts.Add(account);
            return await db.SaveChangesAsync();
        });
        return new Advertiser(organisation, account, await app.CreateUserAsync(AdPolicy.Web.Identity.Roles.Advertiser, organisation.Id));
    }

    /// <summary><paramref name="count"/> refund requests of one advertiser, one per promotion, filed a minute apart, in one save.</summary>
    public static async Task<List<RefundRequest>> FileManyAsync(this AppFactory app, Advertiser advertiser, int count)
    {
        var userId = await app.UserIdAsync(advertiser.Email);
        return await app.WithDbAsync(async db =>
        {
            var filed = new List<RefundRequest>();
            var start = app.Clock.GetUtcNow();
            for (var i = 0; i < count; i++)
            {
                var promotion = new Promotion(
                    Guid.NewGuid(), advertiser.Account.Id, $"CMP-{Guid.NewGuid():N}"[..16], "Bulk promotion", "Reach",
                    new Money(1000m, "EUR"), new Money(1000m, "EUR"), start.AddDays(-30), start.AddDays(-10), "Everyone", 100_000, 60_000, 0, 0, PromotionStatus.Completed);
                db.Promotions.Add(promotion);
                var at = start.AddMinutes(-count + i);
                var check = RefundEligibility.Evaluate(promotion, RefundReason.PerformanceShortfall, Money.Zero("EUR"), null, at);
                var request = RefundRequest.File(
                    promotion, advertiser.Organisation.Id, RefundReason.PerformanceShortfall, "Short delivery.", new Money(100m, "EUR"), check,
                    Guid.NewGuid(), Actor.Advertiser(userId, "Advertiser"), PolicySettings.Defaults, at);
                db.RefundRequests.Add(request);
                filed.Add(request);
            }

            await db.SaveChangesAsync();
            return filed;
        });
    }

    public static Task<string> QueueSearchTextAsync(this AppFactory app, Guid caseId) =>
        app.WithDbAsync(db => db.QueueItems.Where(q => q.CaseId == caseId).Select(q => q.SearchText).SingleAsync());
}
