using AdPolicy.Domain.Common;
using AdPolicy.Domain.Refunds;
using static AdPolicy.Domain.Tests.Refunds.RefundFixture;

namespace AdPolicy.Domain.Tests.Refunds;

public class FileRefundTests
{
    private static RefundRequest File(Money requested, RefundPreCheck? check = null, Actor? by = null, string description = "Delivery stopped halfway.")
    {
        var promotion = Promotion();
        return RefundRequest.File(
            promotion, OrganisationId, RefundReason.PerformanceShortfall, description, requested,
            check ?? Check(promotion), Guid.NewGuid(), by ?? Advertiser, Settings, T0);
    }

    [Fact]
    public void File_WhenEligible_IsSubmittedWithTheAmountAndSuggestion()
    {
        var request = File(Eur(400m));

        Assert.Equal(RefundStatus.Submitted, request.Status);
        Assert.Equal(Eur(400m), request.Requested);
        Assert.Equal(400m, request.SuggestedAmount);
        Assert.Equal(AccountId, request.AdAccountId);
        Assert.Equal("CMP-1001", request.CampaignExternalId);
        Assert.Equal(Advertiser.UserId, request.FiledById);
        Assert.Null(request.AssigneeId);
        Assert.True(request.IsOpen);
    }

    [Fact]
    public void File_SetsResponseDue_FirstResponseHoursAfterFiling()
    {
        var request = File(Eur(400m));

        Assert.Equal(T0.AddHours(Settings.FirstResponseHours), request.ResponseDueAt);
        Assert.Equal(T0.AddHours(48), request.ClockDueAt);
        Assert.Null(request.FollowUpDueAt);
    }

    [Fact]
    public void File_TakesTheResponseTargetFromThePolicy()
    {
        var request = Filed(policy: Settings with { FirstResponseHours = 12 });

        Assert.Equal(T0.AddHours(12), request.ResponseDueAt);
        Assert.Equal(T0.AddHours(12), request.ClockDueAt);
    }

    [Fact]
    public void File_WhenAmountExceedsSpend_IsRefused()
    {
        var refusal = Refused("refund-over-spend", () => File(Eur(1000.01m)));

        Assert.Contains("at most 1,000.00 EUR", refusal.Message);
    }

    [Fact]
    public void File_ForTheWholeSpend_IsAccepted()
    {
        Assert.Equal(Eur(1000m), File(Eur(1000m)).Requested);
    }

    [Fact]
    public void File_WhenAmountExceedsWhatIsLeftAfterEarlierRefunds_IsRefused()
    {
        var check = Check(Promotion(), alreadyCommitted: 700m);

        var refusal = Refused("refund-over-spend", () => File(Eur(300.01m), check));

        Assert.Contains("at most 300.00 EUR", refusal.Message);
        Assert.Equal(Eur(300m), File(Eur(300m), check).Requested);
    }

    [Fact]
    public void File_InAnotherCurrency_IsRefused()
    {
        var refusal = Refused("refund-currency", () => File(new Money(400m, "USD")));

        Assert.Contains("(EUR)", refusal.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void File_WithoutAPositiveAmount_IsRefused(int amount)
    {
        Refused("refund-amount-positive", () => File(Eur(amount)));
    }

    [Fact]
    public void File_WhenThePreCheckRefused_IsRefusedWithItsRuleAndReason()
    {
        var check = Check(Promotion(), openRequest: "RF-17");

        var refusal = Refused("refund-already-open", () => File(Eur(100m), check));

        Assert.Equal(check.RefusalReason?.ToString(), refusal.Message);
    }

    [Fact]
    public void File_WithoutADescription_IsRefused()
    {
        Refused("refund-description", () => File(Eur(100m), description: "  "));
    }

    [Fact]
    public void File_ByStaff_IsRefused()
    {
        Refused("refund-filed-by-advertiser", () => File(Eur(100m), by: Staff));
    }
}

public class ClaimRefundTests
{
    [Fact]
    public void Claim_Submitted_StartsReviewAndAssigns()
    {
        var request = Filed();

        request.Claim(Staff, At(1));

        Assert.Equal(RefundStatus.InReview, request.Status);
        Assert.Equal(Staff.UserId, request.AssigneeId);
        Assert.Equal("Sam Agent", request.AssigneeName);
        Assert.Equal(T0.AddHours(48), request.ClockDueAt);
    }

    [Fact]
    public void Claim_WhenSomeoneElseHasIt_IsRefusedNamingThem()
    {
        var request = InReview();

        var refusal = Refused("refund-already-claimed", () => request.Claim(OtherStaff, At(2)));

        Assert.Equal("Sam Agent already has this case.", refusal.Message);
        Assert.Equal(Staff.UserId, request.AssigneeId);
    }

    [Fact]
    public void Claim_Disputed_StartsReviewAgain()
    {
        var request = Disputed();

        request.Claim(OtherStaff, At(4));

        Assert.Equal(RefundStatus.InReview, request.Status);
        Assert.Equal("Kim Agent", request.AssigneeName);
    }

    [Fact]
    public void Claim_WhileAwaitingAdvertiser_KeepsTheClockPaused()
    {
        var request = AwaitingAdvertiser();
        request.AssignTo(OtherStaff.UserId!.Value, OtherStaff.DisplayName, Staff, At(11));

        request.Claim(OtherStaff, At(12));

        Assert.Equal(RefundStatus.AwaitingAdvertiser, request.Status);
        Assert.Null(request.ClockDueAt);
    }

    [Theory]
    [InlineData(RefundStatus.Approved)]
    [InlineData(RefundStatus.Withdrawn)]
    public void Claim_ClosedCase_IsRefused(RefundStatus status)
    {
        var request = InState(status);

        Refused("refund-closed", () => request.Claim(OtherStaff, At(5)));
    }
}
