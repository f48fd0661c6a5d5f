using AdPolicy.Domain.Common;
using AdPolicy.Domain.Promotions;

namespace AdPolicy.Domain.Refunds;

public enum RefundReason
{
    PerformanceShortfall,
    TechnicalError,
    PolicyViolation,
}

/// <summary>What the advertiser sees before filing: whether a request can be eligible, and how much is suggested.</summary>
public sealed record RefundPreCheck(
    bool Eligible,
    string? RefusalRule,
    FormattableString? RefusalReason,
    Money Spent,
    Money AlreadyCommitted,
    Money Refundable,
    decimal? UndeliveredShare,
    Money? SuggestedRefund);

public static class RefundEligibility
{
    /// <param name="promotion">The promotion's own figures.</param>
    /// <param name="reason">The reason the advertiser chose.</param>
    /// <param name="alreadyCommitted">Approved or paid refunds of this promotion so far.</param>
    /// <param name="openRequestNumber">The case number of an open request on the same promotion, if any.</param>
    /// <param name="now">The clock.</param>
    public static RefundPreCheck Evaluate(
        Promotion promotion,
        RefundReason reason,
        Money alreadyCommitted,
        string? openRequestNumber,
        DateTimeOffset now)
    {
        var spent = promotion.Spent;
        var refundable = spent.Subtract(alreadyCommitted).AtLeastZero();
        var share = UndeliveredShare(promotion);
        // The shortfall is owed once per promotion: what earlier requests already got (paid or approved) comes off it.
        Money? suggested = share is > 0
            ? SuggestedRefund(promotion).Subtract(alreadyCommitted).Min(refundable).AtLeastZero()
            : null;

        RefundPreCheck Refuse(string rule, FormattableString message) =>
            new(false, rule, message, spent, alreadyCommitted, refundable, share, suggested);

        if (promotion.StartsAt > now)
        {
            return Refuse(RuleCodes.RefundNotStarted, $"This promotion has not started yet, so nothing has been spent that could be refunded.");
        }

        if (!spent.IsPositive)
        {
            return Refuse(RuleCodes.RefundNothingSpent, $"Nothing has been spent on this promotion, so there is nothing to refund.");
        }

        if (!refundable.IsPositive)
        {
            return Refuse(RuleCodes.RefundAlreadyGranted, $"The whole amount spent on this promotion has already been refunded or approved for refund.");
        }

        if (openRequestNumber is not null)
        {
            return Refuse(RuleCodes.RefundAlreadyOpen, $"You already have an open refund request for this promotion ({openRequestNumber}). Follow up on it instead of filing a new one.");
        }

        switch (reason)
        {
            case RefundReason.PerformanceShortfall when share is null or <= 0:
                return Refuse(RuleCodes.RefundNoShortfall, $"This promotion delivered everything it promised, so there is no shortfall to refund. If ads did not run correctly, choose \"technical error\".");
            case RefundReason.PolicyViolation when !promotion.WasStoppedForPolicy:
                return Refuse(RuleCodes.RefundNoPolicyStop, $"The platform has not removed or stopped this promotion or its ads for a policy violation, so this reason does not apply.");
        }

        return new RefundPreCheck(true, null, null, spent, alreadyCommitted, refundable, share, suggested);
    }

    /// <summary>
    /// Spend × (1 − delivered ÷ promised), floored to the cent. Worked from the raw counts, multiplying before dividing,
    /// so neither the rounded display share nor a repeating quotient moves it off the exact figure.
    /// </summary>
    private static Money SuggestedRefund(Promotion promotion)
    {
        var (promised, delivered) = Basis(promotion);
        var undelivered = Math.Clamp(promised - delivered, 0L, promised);
        return Money.FloorOf(promotion.SpentAmount * undelivered / promised, promotion.Currency);
    }

    private static (long Promised, long Delivered) Basis(Promotion promotion) =>
        promotion.PromisedImpressions > 0
            ? (promotion.PromisedImpressions, promotion.DeliveredImpressions)
            : (promotion.PromisedEngagements, promotion.DeliveredEngagements);

    /// <summary>1 − delivered ÷ promised, on impressions when impressions were promised, else on engagements; null when nothing was promised.</summary>
    public static decimal? UndeliveredShare(Promotion promotion)
    {
        var (promised, delivered) = Basis(promotion);
        if (promised <= 0)
        {
            return null;
        }

        var share = 1m - ((decimal)delivered / promised);
        return Math.Clamp(decimal.Round(share, 4), 0m, 1m);
    }
}
