using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using static AdPolicy.Domain.Tests.Ace.AceFixture;

namespace AdPolicy.Domain.Tests.Ace;

/// <summary>Delivery follows standing (SPEC 3.2): promotion status × ad status × the account's standing now.</summary>
public sealed class DeliveryTests
{
    private static Promotion Running(PromotionStatus status = PromotionStatus.Active)
    {
        var promotion = new Promotion(
            PromotionId, AccountId, "CMP-1", "Spring", "Reach", new Money(1000m, "EUR"), new Money(100m, "EUR"),
            Day(-10), Day(30), "Everyone", 1000, 100, 0, 0, status);
        promotion.AddAd(AdId, "AD-1", "Ad");
        promotion.AddAd(Guid.NewGuid(), "AD-2", "Other ad");
        return promotion;
    }

    [Fact]
    public void AnActivePromotionOfAnAccountInGoodStanding_Delivers()
    {
        var delivery = Delivery.Of(Running(), Standing(Day(0)), Day(0));

        Assert.True(delivery.IsDelivering);
        Assert.Equal("Active — delivering", delivery.Text);
    }

    [Fact]
    public void AFirstHighViolation_StopsDeliveryUntilTheSuspensionEnds_ThenItResumesByItself()
    {
        var high = ViolationAt(Day(0), ViolationTier.High);

        var during = Delivery.Of(Running(), Standing(Day(1), high), Day(1));
        var after = Delivery.Of(Running(), Standing(Day(7), high), Day(7));

        Assert.False(during.IsDelivering);
        Assert.Equal(DeliveryBlock.AccountSuspended, during.Block);
        Assert.Equal(Day(7), during.Until);
        Assert.Equal("Active — not delivering: account suspended until 2025-03-10 09:00 UTC", during.Text);
        Assert.Contains("first high-risk violation suspends it for 7 days", during.Reason?.ToString());
        Assert.True(after.IsDelivering);
    }

    [Fact]
    public void ACriticalViolation_StopsEveryPromotionForGood_WithTheReason()
    {
        var critical = ViolationAt(Day(0), ViolationTier.Critical);

        var active = Delivery.Of(Running(), Standing(Day(400), critical), Day(400));
        var paused = Delivery.Of(Running(PromotionStatus.Paused), Standing(Day(1), critical), Day(1));

        Assert.False(active.IsDelivering);
        Assert.True(active.ForGood);
        Assert.Equal("Active — not delivering: account permanently suspended", active.Text);
        Assert.Contains("critical violation suspends the account immediately and permanently", active.Reason?.ToString());
        Assert.Equal(DeliveryBlock.AccountPermanentlySuspended, paused.Block);
    }

    [Fact]
    public void AThirdStrike_SaysTheAccountWasRemovedFromThePlatform()
    {
        var standing = Standing(Day(200), Strike(Day(0)), Strike(Day(10)), Strike(Day(20)));

        var delivery = Delivery.Of(Running(), standing, Day(200));

        Assert.Equal(DeliveryBlock.AccountRemovedFromPlatform, delivery.Block);
        Assert.Equal("Active — not delivering: account removed from the platform", delivery.Text);
    }

    [Fact]
    public void AStaffLift_EndsTheSuspensionAtOnce_AndDeliveryResumes()
    {
        var critical = ViolationAt(Day(0), ViolationTier.Critical);
        critical.LiftSanction("The evaluation was of another shop.", Staff, Day(1));

        var delivery = Delivery.Of(Running(), Standing(Day(1), critical), Day(1));

        Assert.True(delivery.IsDelivering);
        Assert.Contains("Lifted by staff", Standing(Day(1), critical).Sanctions.Single().Why?.ToString());
    }

    [Fact]
    public void AShortenedSuspension_EndsAtTheNewTime()
    {
        var high = ViolationAt(Day(0), ViolationTier.High);
        high.ShortenSanction(Day(2), "Corrected within a day.", Staff, Day(1));

        Assert.False(Delivery.Of(Running(), Standing(Day(2).AddSeconds(-1), high), Day(2).AddSeconds(-1)).IsDelivering);
        Assert.True(Delivery.Of(Running(), Standing(Day(2), high), Day(2)).IsDelivering);
        Assert.Equal("sanction-shorten-later", Assert.Throws<DomainRuleException>(() => high.ShortenSanction(Day(3), "Longer.", Staff, Day(1))).Rule);
    }

    [Fact]
    public void ABlockForAMissedCorrection_HasNoEnd_UntilStaffLiftIt()
    {
        var block = new DeadlineSanction(Guid.NewGuid(), DeadlineKind.CorrectSimilarContent, MissedDeadlineSanction.BlockAccountAndDeposit, Day(0));
        var standing = SanctionLadder.Evaluate(Account(), [], [block], PolicySettings.Defaults, Day(1));
        var lifted = SanctionLadder.Evaluate(Account(), [], [block.EndAt(Day(1), "Corrected after all.", Day(1))], PolicySettings.Defaults, Day(1));

        Assert.Equal("Active — not delivering: account blocked until staff lift the block", Delivery.Of(Running(), standing, Day(1)).Text);
        Assert.True(Delivery.Of(Running(), lifted, Day(1)).IsDelivering);
        Assert.Contains("Corrected after all.", lifted.Sanctions.Single().Why?.ToString());
    }

    [Fact]
    public void APromotionNotStartedOrPausedOrWithEveryAdRemoved_SaysSo()
    {
        var future = new Promotion(Guid.NewGuid(), AccountId, "CMP-2", "Later", "Reach", new Money(10m, "EUR"), new Money(0m, "EUR"), Day(5), Day(9), "All", 1, 0, 0, 0, PromotionStatus.Active);
        var paused = Running(PromotionStatus.Paused);
        var stripped = Running();
        foreach (var ad in stripped.Ads)
        {
            ad.Enforce(AdStatus.Removed, Fact.Of(FactKind.AdStoppedForViolation), Day(0));
        }

        Assert.Equal(DeliveryBlock.NotStarted, Delivery.Of(future, Standing(Day(0)), Day(0)).Block);
        Assert.Equal("Paused — not delivering: paused by the advertiser", Delivery.Of(paused, Standing(Day(0)), Day(0)).Text);
        Assert.Equal(DeliveryBlock.NoLiveAd, Delivery.Of(stripped, Standing(Day(0)), Day(0)).Block);
    }

    [Fact]
    public void AnAd_DeliversOnlyWhenItAndItsPromotionAndTheAccountMay()
    {
        var promotion = Running();
        var removed = promotion.Ads[0];
        removed.Enforce(AdStatus.Removed, Fact.Of(FactKind.AdStoppedForViolation), Day(0));
        var suspended = Standing(Day(1), ViolationAt(Day(0), ViolationTier.High));

        Assert.Equal("Removed — not delivering: the ad was removed", Delivery.Of(removed, promotion, Standing(Day(1)), Day(1)).Text);
        Assert.True(Delivery.Of(promotion.Ads[1], promotion, Standing(Day(1)), Day(1)).IsDelivering);
        Assert.StartsWith("Active — not delivering: account suspended until", Delivery.Of(promotion.Ads[1], promotion, suspended, Day(1)).Text);
    }

    [Fact]
    public void AnAdPlanCancelledForAMissedDeadline_IsReinstatedToWhatItWas()
    {
        var promotion = Running(PromotionStatus.Paused);
        var deadlineId = Guid.NewGuid();

        Assert.True(promotion.CancelAdPlan(deadlineId, Fact.Of(FactKind.PlanCancelledForMissedDeadline)));
        Assert.Equal("Cancelled — not delivering: the ad plan was cancelled", Delivery.Of(promotion, Standing(Day(0)), Day(0)).Text);
        Assert.Equal(deadlineId, promotion.CancelledForDeadlineId);
        Assert.Equal(PromotionStatus.Paused, promotion.Reinstate());
        Assert.Null(promotion.CancelledForDeadlineId);
        Assert.Equal("promotion-not-stopped", Assert.Throws<DomainRuleException>(() => promotion.Reinstate()).Rule);
    }

    [Fact]
    public void ReopeningAnUpheldDecision_PutsItBackInReview()
    {
        var complaint = UserComplaint(Day(0));
        complaint.Uphold(ViolationTier.Low, "Upheld.", Staff, 1, Day(1));

        complaint.Reopen("The evidence was about another shop.", Staff, Day(2));

        Assert.Equal(ComplaintStatus.InReview, complaint.Status);
        Assert.Null(complaint.Tier);
        Assert.Equal(ComplaintEventKind.Reopened, complaint.Events[^1].Kind);
        Assert.Equal("ace-reopen-not-upheld", Assert.Throws<DomainRuleException>(() => complaint.Reopen("Again.", Staff, Day(3))).Rule);
    }

    [Fact]
    public void TheRefundOrigin_IsSetByStaffOnTheViolation()
    {
        var violation = Violation.Record(AccountId, OrganisationId, null, ProhibitedCategory.CoercivePayment, ViolationTier.Medium, "Refunds refused.", Staff, Day(0), penaltyFromRefusedRefund: true);

        Assert.True(violation.PenaltyFromRefusedRefund);
        Assert.Equal("violation-staff-only", Assert.Throws<DomainRuleException>(() => violation.SetRefundOrigin(false, Advertiser)).Rule);
        Assert.True(UserComplaint(Day(0)).Uphold(ViolationTier.Low, "Upheld.", Staff, 1, Day(1), penaltyFromRefusedRefund: true).PenaltyFromRefusedRefund);
    }
}
