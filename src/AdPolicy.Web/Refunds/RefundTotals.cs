using AdPolicy.Web.Data;
using AdPolicy.Web.Data.Configurations;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Refunds;

/// <summary>What a promotion's refunds add up to. Filing, deciding and paying lock the promotion row first, so two at once cannot together pass its spend.</summary>
public static class RefundTotals
{
    /// <summary>Takes the promotion's row lock until the transaction ends.</summary>
    public static Task LockPromotionAsync(this AppDbContext db, Guid promotionId, CancellationToken cancellationToken = default) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM promotions WHERE id = {promotionId} FOR UPDATE", cancellationToken);

    /// <summary>Approved or paid amounts of the promotion's requests, leaving out <paramref name="except"/>.</summary>
    public static async Task<Money> CommittedAsync(this AppDbContext db, Promotion promotion, Guid? except = null, CancellationToken cancellationToken = default)
    {
        var sum = await db.RefundRequests
            .Where(r => r.PromotionId == promotion.Id && r.Id != except && r.ApprovedAmount != null && r.Status != RefundStatus.Withdrawn)
            .SumAsync(r => r.ApprovedAmount ?? 0m, cancellationToken);
        return new Money(sum, promotion.Currency);
    }

    public static async Task<Money> RefundableAsync(this AppDbContext db, Promotion promotion, Guid? except = null, CancellationToken cancellationToken = default) =>
        promotion.Spent.Subtract(await db.CommittedAsync(promotion, except, cancellationToken)).AtLeastZero();

    public static async Task<RefundPreCheck> PreCheckAsync(this AppDbContext db, Promotion promotion, RefundReason reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var committed = await db.CommittedAsync(promotion, cancellationToken: cancellationToken);
        var open = await db.RefundRequests
            .Where(r => r.PromotionId == promotion.Id && RefundRequest.OpenStates.Contains(r.Status))
            .Select(r => (long?)r.Number)
            .FirstOrDefaultAsync(cancellationToken);
        return RefundEligibility.Evaluate(promotion, reason, committed, open is { } n ? RefundRequest.FormatReference(n) : null, now);
    }
}
