using AdPolicy.Domain.Common;
using AdPolicy.Domain.Refunds;
using static AdPolicy.Domain.Tests.Refunds.RefundFixture;

namespace AdPolicy.Domain.Tests.Refunds;

public class ApproveRefundTests
{
    [Fact]
    public void Approve_TheFullAmount_IsApproved()
    {
        var request = InReview();

        request.Approve(Eur(400m), " Delivery fell short by 40%. ", Eur(1000m), Staff, PolicyVersion, At(2));

        Assert.Equal(RefundStatus.Approved, request.Status);
        Assert.Equal(Eur(400m), request.Approved);
        Assert.Equal("Delivery fell short by 40%.", request.DecisionReason);
        Assert.Equal("Sam Agent", request.DecidedByName);
        Assert.Equal(At(2), request.DecidedAt);
        Assert.Equal(PolicyVersion, request.DecisionPolicyVersion);
        Assert.False(request.IsOpen);
        Assert.Null(request.ClockDueAt);
        Assert.Null(request.ResponseDueAt);
    }

    [Fact]
    public void Approve_PartOfTheAmount_IsPartiallyApproved()
    {
        var request = InReview();

        request.Approve(Eur(250m), "Part of the shortfall was your own pause.", Eur(1000m), Staff, PolicyVersion, At(2));

        Assert.Equal(RefundStatus.PartiallyApproved, request.Status);
        Assert.Equal(Eur(250m), request.Approved);
        Assert.Null(request.ClockDueAt);
    }

    [Fact]
    public void Approve_WhenAmountExceedsRequest_IsRefused()
    {
        var request = InReview();

        var refusal = Refused("refund-over-request", () => request.Approve(Eur(400.01m), "Generous.", Eur(1000m), Staff, PolicyVersion, At(2)));

        Assert.Contains("400.00 EUR", refusal.Message);
        Assert.Equal(RefundStatus.InReview, request.Status);
        Assert.Null(request.ApprovedAmount);
    }

    [Fact]
    public void Approve_WhenAmountExceedsSpend_IsRefused()
    {
        var request = InReview();

        var refusal = Refused("refund-over-spend", () => request.Approve(Eur(350m), "Shortfall.", Eur(300m), Staff, PolicyVersion, At(2)));

        Assert.Equal("Only 300.00 EUR of this promotion's spend is still refundable, so 350.00 EUR cannot be approved.", refusal.Message);
        Assert.Equal(RefundStatus.InReview, request.Status);
        Assert.Null(request.ApprovedAmount);
    }

    [Fact]
    public void Approve_ExactlyWhatIsRefundable_IsPartiallyApproved()
    {
        var request = InReview();

        request.Approve(Eur(300m), "Only 300 left.", Eur(300m), Staff, PolicyVersion, At(2));

        Assert.Equal(RefundStatus.PartiallyApproved, request.Status);
        Assert.Equal(300m, request.ApprovedAmount);
    }

    [Fact]
    public void Approve_Zero_IsRefused()
    {
        var request = InReview();

        var refusal = Refused("refund-amount-positive", () => request.Approve(Eur(0m), "Nothing.", Eur(1000m), Staff, PolicyVersion, At(2)));

        Assert.Contains("deny the request instead", refusal.Message);
        Assert.Equal(RefundStatus.InReview, request.Status);
    }

    [Fact]
    public void Approve_InAnotherCurrency_IsRefused()
    {
        var request = InReview();

        Refused("refund-currency", () => request.Approve(new Money(100m, "USD"), "Shortfall.", Eur(1000m), Staff, PolicyVersion, At(2)));
    }

    [Fact]
    public void Approve_WithoutAReason_IsRefused()
    {
        var request = InReview();

        Refused("refund-decision-reason", () => request.Approve(Eur(100m), " ", Eur(1000m), Staff, PolicyVersion, At(2)));
        Assert.Equal(RefundStatus.InReview, request.Status);
    }

    [Fact]
    public void Approve_Submitted_IsAllowedWithoutAClaim()
    {
        var request = Filed();

        request.Approve(Eur(400m), "Clear shortfall.", Eur(1000m), Staff, PolicyVersion, At(1));

        Assert.Equal(RefundStatus.Approved, request.Status);
    }
}

public class DenyRefundTests
{
    [Fact]
    public void Deny_WithEligibilityAdvice_IsDeniedAndShowsTheAdvice()
    {
        var request = InReview();

        request.Deny("Your own targeting change caused it.", " A shortfall the platform caused. ", Staff, PolicyVersion, At(2));

        Assert.Equal(RefundStatus.Denied, request.Status);
        Assert.Equal("A shortfall the platform caused.", request.EligibilityAdvice);
        Assert.Equal("Your own targeting change caused it.", request.DecisionReason);
        Assert.Null(request.Approved);
        Assert.Null(request.ClockDueAt);
        Assert.Equal("Your own targeting change caused it.", request.Events[^1].Text);
        Assert.Equal("A shortfall the platform caused.", request.Events[^1].Value(EventValue.EligibilityAdvice));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Deny_WithoutEligibilityAdvice_IsRefused(string advice)
    {
        var request = InReview();

        var refusal = Refused("refund-denial-advice", () => request.Deny("Not eligible.", advice, Staff, PolicyVersion, At(2)));

        Assert.Equal("Say what would have made the request eligible.", refusal.Message);
        Assert.Equal(RefundStatus.InReview, request.Status);
        Assert.Null(request.DecidedAt);
    }
}

/// <summary>Only a submitted or in-review case can be decided.</summary>
public class DecidableStatusTests
{
    [Fact]
    public void Approve_WithdrawnCase_IsRefusedSayingItWasWithdrawn()
    {
        var request = Withdrawn();

        var refusal = Refused("refund-not-decidable", () => request.Approve(Eur(400m), "Shortfall.", Eur(1000m), Staff, PolicyVersion, At(2)));

        Assert.Contains("withdrawn", refusal.Message);
        Assert.Equal(RefundStatus.Withdrawn, request.Status);
        Assert.Null(request.ApprovedAmount);
    }

    [Fact]
    public void Deny_WithdrawnCase_IsRefusedSayingItWasWithdrawn()
    {
        var request = Withdrawn();

        var refusal = Refused("refund-not-decidable", () => request.Deny("No.", "Advice.", Staff, PolicyVersion, At(2)));

        Assert.Contains("withdrawn", refusal.Message);
        Assert.Equal(RefundStatus.Withdrawn, request.Status);
    }

    [Fact]
    public void Approve_WhileAwaitingAdvertiser_IsRefused()
    {
        var request = AwaitingAdvertiser();

        var refusal = Refused("refund-not-decidable", () => request.Approve(Eur(400m), "Shortfall.", Eur(1000m), Staff, PolicyVersion, At(11)));

        Assert.Contains("waiting for the advertiser", refusal.Message);
        Assert.Equal(RefundStatus.AwaitingAdvertiser, request.Status);
    }

    [Fact]
    public void Deny_DisputedCaseBeforeItIsClaimed_IsRefused()
    {
        var request = Disputed();

        var refusal = Refused("refund-not-decidable", () => request.Deny("Still no.", "Advice.", Staff, PolicyVersion, At(4)));

        Assert.Contains("Claim the disputed case", refusal.Message);
    }

    [Theory]
    [InlineData(RefundStatus.Approved)]
    [InlineData(RefundStatus.PartiallyApproved)]
    [InlineData(RefundStatus.Denied)]
    [InlineData(RefundStatus.Refunded)]
    public void Approve_AlreadyDecidedCase_IsRefused(RefundStatus status)
    {
        var request = InState(status);
        var approvedBefore = request.ApprovedAmount;

        var refusal = Refused("refund-not-decidable", () => request.Approve(Eur(100m), "Again.", Eur(1000m), OtherStaff, PolicyVersion, At(5)));

        Assert.Contains("cannot be decided again", refusal.Message);
        Assert.Equal(status, request.Status);
        Assert.Equal(approvedBefore, request.ApprovedAmount);
    }
}
