using AdPolicy.Domain.Common;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using static AdPolicy.Domain.Tests.Refunds.RefundFixture;

namespace AdPolicy.Domain.Tests.Refunds;

/// <summary>The suggested refund: spend × (1 − delivered ÷ promised), floored to the cent, capped by what is refundable.</summary>
public class SuggestedRefundTests
{
    private static decimal Dec(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("1000.00", 100_000, 60_000, 0, 0, "400.00")]
    [InlineData("99.99", 1_000, 333, 0, 0, "66.69")]
    [InlineData("1000.00", 3, 1, 0, 0, "666.66")]
    [InlineData("300.00", 3, 2, 0, 0, "100.00")]
    [InlineData("500.00", 0, 0, 200, 50, "375.00")]
    [InlineData("500.00", 0, 90_000, 200, 50, "375.00")]
    [InlineData("800.00", 1_000, 0, 0, 0, "800.00")]
    public void Suggested_IsSpendTimesUndeliveredShare_FlooredToTheCent(
        string spent, long promisedImpressions, long deliveredImpressions, long promisedEngagements, long deliveredEngagements, string expected)
    {
        var promotion = Promotion(Dec(spent), promisedImpressions, deliveredImpressions, promisedEngagements, deliveredEngagements);

        var check = Check(promotion);

        Assert.True(check.Eligible, check.RefusalReason?.ToString());
        Assert.Equal(Eur(Dec(expected)), check.SuggestedRefund);
    }

    [Fact]
    public void Share_UsesImpressions_WhenImpressionsWerePromised_EvenIfEngagementsFellShort()
    {
        var promotion = Promotion(promisedImpressions: 1_000, deliveredImpressions: 1_000, promisedEngagements: 200, deliveredEngagements: 0);

        var check = Check(promotion);

        Assert.Equal(0m, check.UndeliveredShare);
        Assert.Null(check.SuggestedRefund);
        Assert.Equal("refund-no-shortfall", check.RefusalRule);
    }

    [Fact]
    public void Share_UsesEngagements_WhenNoImpressionsWerePromised()
    {
        var promotion = Promotion(promisedImpressions: 0, deliveredImpressions: 50_000, promisedEngagements: 400, deliveredEngagements: 100);

        Assert.Equal(0.75m, RefundEligibility.UndeliveredShare(promotion));
    }

    [Fact]
    public void Share_IsNull_WhenNothingWasPromised()
    {
        var promotion = Promotion(promisedImpressions: 0, deliveredImpressions: 10, promisedEngagements: 0, deliveredEngagements: 10);

        Assert.Null(RefundEligibility.UndeliveredShare(promotion));
    }

    [Theory]
    [InlineData("150.50", "249.50", "849.50")]
    [InlineData("400", "0", "600")]
    [InlineData("700", "0", "300")]
    public void Suggested_IsTheShortfallLessWhatWasAlreadyPaidOrApproved(string committed, string suggested, string refundable)
    {
        // 1,000.00 spent, 40% undelivered: the shortfall is 400.00, owed once however many requests ask for it.
        var check = Check(Promotion(), alreadyCommitted: Dec(committed));

        Assert.True(check.Eligible);
        Assert.Equal(Eur(Dec(refundable)), check.Refundable);
        Assert.Equal(Eur(Dec(suggested)), check.SuggestedRefund);
    }

    [Fact]
    public void OverDelivery_GivesNoNegativeShareAndNoSuggestion()
    {
        var check = Check(Promotion(promisedImpressions: 1_000, deliveredImpressions: 1_500), RefundReason.TechnicalError);

        Assert.True(check.Eligible);
        Assert.Equal(0m, check.UndeliveredShare);
        Assert.Null(check.SuggestedRefund);
    }

    [Fact]
    public void Suggested_IsZeroNotNegative_WhenMoreThanSpentWasAlreadyCommitted()
    {
        var check = Check(Promotion(), alreadyCommitted: 1200m);

        Assert.Equal(Eur(0m), check.Refundable);
        Assert.Equal(Eur(0m), check.SuggestedRefund);
    }
}

/// <summary>Requests that cannot be eligible are refused with a clear reason before anything is stored.</summary>
public class RefundEligibilityTests
{
    [Fact]
    public void Evaluate_WhenPromotionHasNotStarted_IsRefused()
    {
        var check = Check(Promotion(spent: 0m, startsAt: T0.AddDays(1), status: PromotionStatus.Active));

        Assert.False(check.Eligible);
        Assert.Equal("refund-not-started", check.RefusalRule);
        Assert.Contains("has not started yet", check.RefusalReason?.ToString());
    }

    [Fact]
    public void Evaluate_WhenPromotionStartsNow_IsNotRefusedAsNotStarted()
    {
        var check = Check(Promotion(startsAt: T0));

        Assert.True(check.Eligible, check.RefusalReason?.ToString());
    }

    [Fact]
    public void Evaluate_WhenNothingWasSpent_IsRefused()
    {
        var check = Check(Promotion(spent: 0m));

        Assert.False(check.Eligible);
        Assert.Equal("refund-nothing-spent", check.RefusalRule);
        Assert.Equal("Nothing has been spent on this promotion, so there is nothing to refund.", check.RefusalReason?.ToString());
    }

    [Fact]
    public void Evaluate_WhenSpendWasAlreadyGrantedInFull_IsRefused()
    {
        var check = Check(Promotion(), alreadyCommitted: 1000m);

        Assert.False(check.Eligible);
        Assert.Equal("refund-already-granted", check.RefusalRule);
        Assert.Equal(Eur(0m), check.Refundable);
    }

    [Fact]
    public void Evaluate_WhenACentIsStillRefundable_IsEligible()
    {
        var check = Check(Promotion(), alreadyCommitted: 999.99m);

        Assert.True(check.Eligible);
        Assert.Equal(Eur(0.01m), check.Refundable);
    }

    [Fact]
    public void Evaluate_WhenAnOpenRequestExists_IsRefusedNamingIt()
    {
        var check = Check(Promotion(), openRequest: "RF-17");

        Assert.False(check.Eligible);
        Assert.Equal("refund-already-open", check.RefusalRule);
        Assert.Contains("(RF-17)", check.RefusalReason?.ToString());
    }

    [Fact]
    public void Evaluate_ShortfallWhenEverythingWasDelivered_IsRefused()
    {
        var check = Check(Promotion(promisedImpressions: 1_000, deliveredImpressions: 1_000));

        Assert.False(check.Eligible);
        Assert.Equal("refund-no-shortfall", check.RefusalRule);
        Assert.Contains("technical error", check.RefusalReason?.ToString());
    }

    [Fact]
    public void Evaluate_ShortfallWhenNothingWasPromised_IsRefused()
    {
        var check = Check(Promotion(promisedImpressions: 0, deliveredImpressions: 0));

        Assert.Equal("refund-no-shortfall", check.RefusalRule);
    }

    [Fact]
    public void Evaluate_TechnicalErrorWithoutShortfall_IsEligible()
    {
        var check = Check(Promotion(promisedImpressions: 1_000, deliveredImpressions: 1_000), RefundReason.TechnicalError);

        Assert.True(check.Eligible);
        Assert.Null(check.RefusalRule);
        Assert.Equal(Eur(1000m), check.Refundable);
    }

    [Theory]
    [InlineData(PromotionStatus.Completed)]
    [InlineData(PromotionStatus.Active)]
    [InlineData(PromotionStatus.Paused)]
    public void Evaluate_PolicyViolationWhenThePlatformStoppedNothing_IsRefused(PromotionStatus status)
    {
        var promotion = Promotion(status: status);
        promotion.AddAd(Guid.NewGuid(), "AD-1", "Spring sale", AdStatus.Restricted);

        var check = Check(promotion, RefundReason.PolicyViolation);

        Assert.False(check.Eligible);
        Assert.Equal("refund-no-policy-stop", check.RefusalRule);
    }

    [Theory]
    [InlineData(PromotionStatus.Removed)]
    [InlineData(PromotionStatus.Rejected)]
    public void Evaluate_PolicyViolationWhenThePlatformStoppedThePromotion_IsEligible(PromotionStatus status)
    {
        var promotion = Promotion(status: PromotionStatus.Active);
        promotion.StopByPlatform(status, Fact.Of(FactKind.StaffStoppedForPolicy));

        var check = Check(promotion, RefundReason.PolicyViolation);

        Assert.True(check.Eligible, check.RefusalReason?.ToString());
    }

    [Theory]
    [InlineData(AdStatus.Removed)]
    [InlineData(AdStatus.Rejected)]
    public void Evaluate_PolicyViolationWhenThePlatformStoppedAnAd_IsEligible(AdStatus status)
    {
        var promotion = Promotion(status: PromotionStatus.Active);
        promotion.AddAd(Guid.NewGuid(), "AD-1", "Spring sale").Enforce(status, Fact.Of(FactKind.AdStoppedForViolation), T0.AddDays(-2));

        var check = Check(promotion, RefundReason.PolicyViolation);

        Assert.True(check.Eligible, check.RefusalReason?.ToString());
    }

    [Fact]
    public void Evaluate_ReportsSpendAndRefundable_EvenWhenRefused()
    {
        var check = Check(Promotion(), alreadyCommitted: 100m, openRequest: "RF-3");

        Assert.False(check.Eligible);
        Assert.Equal(Eur(1000m), check.Spent);
        Assert.Equal(Eur(900m), check.Refundable);
        Assert.Equal(Eur(300m), check.SuggestedRefund);
    }
}
