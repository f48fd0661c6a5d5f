using AdPolicy.Web.Refunds;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Infrastructure;

public static class RefundTestData
{
    public static async Task<Guid> UserIdAsync(this AppFactory app, string email)
    {
        await using var scope = app.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        return user!.Id;
    }

    /// <summary>Files a refund request through the domain, as the page would, at the fake clock's time.</summary>
    /// <param name="ignoreCommitted">Files as if nothing had been approved yet (a request filed before an earlier approval).</param>
    /// <param name="reason">Why; a policy violation needs a promotion created with removedForPolicy.</param>
    public static async Task<RefundRequest> FileRefundAsync(
        this AppFactory app,
        Advertiser advertiser,
        Promotion promotion,
        decimal amount = 400m,
        bool ignoreCommitted = false,
        RefundReason reason = RefundReason.PerformanceShortfall)
    {
        var userId = await app.UserIdAsync(advertiser.Email);
        return await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            var check = ignoreCommitted
                ? RefundEligibility.Evaluate(promotion, reason, Money.Zero(promotion.Currency), null, now)
                : await db.PreCheckAsync(promotion, reason, now);
            var request = RefundRequest.File(
                promotion, advertiser.Organisation.Id, reason,
                "Delivery stopped at 60% of what we paid for.", new Money(amount, promotion.Currency), check,
                Guid.NewGuid(), Actor.Advertiser(userId, "Advertiser"), PolicySettings.Defaults, now);
            db.RefundRequests.Add(request);
            await db.SaveChangesAsync();
            return request;
        });
    }

    public static Task<RefundRequest> RefundAsync(this AppFactory app, Guid id) =>
        app.WithDbAsync(db => db.RefundRequests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == id));

    public static Task<int> LedgerCountAsync(this AppFactory app, Guid refundId) =>
        app.WithDbAsync(db => db.LedgerEntries.CountAsync(l => l.RefundRequestId == refundId));
}
