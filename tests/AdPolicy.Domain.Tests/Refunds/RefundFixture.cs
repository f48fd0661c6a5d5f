using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;

namespace AdPolicy.Domain.Tests.Refunds;

/// <summary>One promotion (1,000.00 EUR spent, 60% of 100,000 impressions delivered), its people and a fixed clock.</summary>
internal static class RefundFixture
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly Guid OrganisationId = Guid.Parse("0196b000-0000-7000-8000-000000000001");

    public static readonly Guid AccountId = Guid.Parse("0196b000-0000-7000-8000-000000000002");

    public static readonly Guid PromotionId = Guid.Parse("0196b000-0000-7000-8000-000000000003");

    public static readonly Actor Staff = Actor.Staff(Guid.Parse("0196b000-0000-7000-8000-0000000000a1"), "Sam Agent");

    public static readonly Actor OtherStaff = Actor.Staff(Guid.Parse("0196b000-0000-7000-8000-0000000000a2"), "Kim Agent");

    public static readonly Actor Advertiser = Actor.Advertiser(Guid.Parse("0196b000-0000-7000-8000-0000000000b1"), "Ada Advertiser");

    public static readonly PolicySettings Settings = PolicySettings.Defaults;

    public const int PolicyVersion = 3;

    public static DateTimeOffset At(double hours) => T0.AddHours(hours);

    public static Money Eur(decimal amount) => new(amount, "EUR");

    public static Promotion Promotion(
        decimal spent = 1000m,
        long promisedImpressions = 100_000,
        long deliveredImpressions = 60_000,
        long promisedEngagements = 0,
        long deliveredEngagements = 0,
        DateTimeOffset? startsAt = null,
        PromotionStatus status = PromotionStatus.Completed)
    {
        var start = startsAt ?? T0.AddDays(-30);
        return new Promotion(
            PromotionId,
            AccountId,
            "CMP-1001",
            "Spring sale",
            "Traffic",
            Eur(2000m),
            Eur(spent),
            start,
            start.AddDays(20),
            "ES, 25-44",
            promisedImpressions,
            deliveredImpressions,
            promisedEngagements,
            deliveredEngagements,
            status);
    }

    public static RefundPreCheck Check(Promotion promotion, RefundReason reason = RefundReason.PerformanceShortfall, decimal alreadyCommitted = 0m, string? openRequest = null) =>
        RefundEligibility.Evaluate(promotion, reason, Eur(alreadyCommitted), openRequest, T0);

    /// <summary>A shortfall request for 400.00 EUR, filed at T0.</summary>
    public static RefundRequest Filed(decimal requested = 400m, PolicySettings? policy = null)
    {
        var promotion = Promotion();
        return RefundRequest.File(
            promotion, OrganisationId, RefundReason.PerformanceShortfall, "Delivery stopped at 60% of the impressions.",
            Eur(requested), Check(promotion), Guid.NewGuid(), Advertiser, policy ?? Settings, T0);
    }

    /// <summary>Filed at T0, claimed by Sam at T0 + 1 h.</summary>
    public static RefundRequest InReview(decimal requested = 400m)
    {
        var request = Filed(requested);
        request.Claim(Staff, At(1));
        return request;
    }

    /// <summary>Sam asked a question at T0 + 10 h, answer due in 7 days.</summary>
    public static RefundRequest AwaitingAdvertiser()
    {
        var request = InReview();
        request.RequestInformation("Which dates were affected?", At(10).AddDays(7), Staff, At(10));
        return request;
    }

    /// <summary>Approved in full (400.00 EUR) at T0 + 2 h.</summary>
    public static RefundRequest Approved()
    {
        var request = InReview();
        request.Approve(Eur(400m), "Delivery fell short by 40%.", Eur(1000m), Staff, PolicyVersion, At(2));
        return request;
    }

    /// <summary>250.00 EUR of 400.00 EUR approved at T0 + 2 h.</summary>
    public static RefundRequest PartiallyApproved()
    {
        var request = InReview();
        request.Approve(Eur(250m), "Part of the shortfall was caused by your own pause.", Eur(1000m), Staff, PolicyVersion, At(2));
        return request;
    }

    /// <summary>Denied at T0 + 2 h.</summary>
    public static RefundRequest Denied()
    {
        var request = InReview();
        request.Deny("The shortfall was caused by your own targeting change.", "A shortfall the platform caused.", Staff, PolicyVersion, At(2));
        return request;
    }

    /// <summary>Denied, then disputed by the advertiser at T0 + 3 h.</summary>
    public static RefundRequest Disputed()
    {
        var request = Denied();
        request.Dispute("Attached the change log: we did not touch targeting.", Advertiser, Settings, At(3));
        return request;
    }

    public static RefundRequest Withdrawn()
    {
        var request = Filed();
        request.Withdraw(Advertiser, At(1));
        return request;
    }

    public static RefundRequest Refunded()
    {
        var request = Approved();
        request.Pay(Eur(1000m), Staff, At(4));
        return request;
    }

    public static RefundRequest InState(RefundStatus status) => status switch
    {
        RefundStatus.Submitted => Filed(),
        RefundStatus.InReview => InReview(),
        RefundStatus.AwaitingAdvertiser => AwaitingAdvertiser(),
        RefundStatus.Approved => Approved(),
        RefundStatus.PartiallyApproved => PartiallyApproved(),
        RefundStatus.Denied => Denied(),
        RefundStatus.Disputed => Disputed(),
        RefundStatus.Refunded => Refunded(),
        RefundStatus.Withdrawn => Withdrawn(),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Asserts that the action breaks the named rule, and returns the exception for its message.</summary>
    public static DomainRuleException Refused(string rule, Action action)
    {
        var refusal = Assert.Throws<DomainRuleException>(action);
        Assert.Equal(rule, refusal.Rule);
        return refusal;
    }
}
