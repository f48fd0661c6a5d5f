using AdPolicy.Domain.Refunds;
using static AdPolicy.Domain.Tests.Refunds.RefundFixture;

namespace AdPolicy.Domain.Tests.Refunds;

public class DisputeRefundTests
{
    [Fact]
    public void Dispute_Denied_ClearsTheAssigneeAndRestartsTheClock()
    {
        var request = Denied();

        request.Dispute(" Attached the change log. ", Advertiser, Settings, At(30));

        Assert.Equal(RefundStatus.Disputed, request.Status);
        Assert.True(request.IsOpen);
        Assert.True(request.HasBeenDisputed);
        Assert.Null(request.AssigneeId);
        Assert.Null(request.AssigneeName);
        Assert.Equal(At(30) + Settings.FirstResponse, request.ResponseDueAt);
        Assert.Equal(At(78), request.ClockDueAt);
    }

    [Fact]
    public void Dispute_PartiallyApproved_IsDisputed()
    {
        var request = PartiallyApproved();

        request.Dispute("The pause was yours, not ours.", Advertiser, Settings, At(5));

        Assert.Equal(RefundStatus.Disputed, request.Status);
        Assert.Equal(At(53), request.ClockDueAt);
    }

    [Theory]
    [InlineData(RefundStatus.Submitted)]
    [InlineData(RefundStatus.InReview)]
    [InlineData(RefundStatus.Approved)]
    [InlineData(RefundStatus.Refunded)]
    [InlineData(RefundStatus.Withdrawn)]
    public void Dispute_FromAnyOtherStatus_IsRefused(RefundStatus status)
    {
        var request = InState(status);

        Refused("refund-wrong-status", () => request.Dispute("Please look again.", Advertiser, Settings, At(5)));
        Assert.Equal(status, request.Status);
        Assert.False(request.HasBeenDisputed);
    }

    [Fact]
    public void Dispute_ASecondTime_IsRefused()
    {
        var request = Disputed();
        request.Claim(OtherStaff, At(4));
        request.Deny("Still caused by your change.", "Proof that targeting did not change.", OtherStaff, PolicyVersion, At(5));

        var refusal = Refused("refund-dispute-once", () => request.Dispute("Please look again.", Advertiser, Settings, At(6)));

        Assert.Contains("only once", refusal.Message);
        Assert.Equal(RefundStatus.Denied, request.Status);
        Assert.Null(request.ClockDueAt);
    }

    [Fact]
    public void Dispute_WithoutClarification_IsRefused()
    {
        var request = Denied();

        Refused("refund-dispute-text", () => request.Dispute(" ", Advertiser, Settings, At(5)));
        Assert.False(request.HasBeenDisputed);
    }

    [Fact]
    public void Disputed_ClaimedAndReviewed_CanBeApprovedInFull()
    {
        var request = PartiallyApproved();
        request.Dispute("The pause was yours, not ours.", Advertiser, Settings, At(5));
        request.Claim(OtherStaff, At(6));

        request.Approve(Eur(400m), "Confirmed: the pause was ours.", Eur(1000m), OtherStaff, PolicyVersion, At(7));

        Assert.Equal(RefundStatus.Approved, request.Status);
        Assert.Equal(Eur(400m), request.Approved);
        Assert.Equal("Kim Agent", request.DecidedByName);
    }
}

public class PayRefundTests
{
    [Fact]
    public void Pay_Approved_IsRefundedWithACreditOfTheApprovedAmount()
    {
        var request = Approved();

        var credit = request.Pay(Eur(1000m), Staff, At(4));

        Assert.Equal(RefundStatus.Refunded, request.Status);
        Assert.Equal(At(4), request.RefundedAt);
        Assert.Equal(Eur(400m), credit.Money);
        Assert.Equal(AccountId, credit.AdAccountId);
        Assert.Equal(request.Id, credit.RefundRequestId);
        Assert.Equal(At(4), credit.At);
    }

    [Fact]
    public void Pay_PartiallyApproved_CreditsOnlyTheApprovedPart()
    {
        var request = PartiallyApproved();

        var credit = request.Pay(Eur(1000m), Staff, At(4));

        Assert.Equal(Eur(250m), credit.Money);
        Assert.Equal(RefundStatus.Refunded, request.Status);
    }

    [Fact]
    public void Pay_Twice_IsRefused()
    {
        var request = Approved();
        request.Pay(Eur(1000m), Staff, At(4));
        var eventsAfterFirst = request.Events.Count;

        var refusal = Refused("refund-already-paid", () => request.Pay(Eur(1000m), OtherStaff, At(5)));

        Assert.Contains("2025-06-02 13:00", refusal.Message);
        Assert.Equal(At(4), request.RefundedAt);
        Assert.Equal(eventsAfterFirst, request.Events.Count);
    }

    [Fact]
    public void Pay_WhenItWouldExceedWhatIsRefundable_IsRefused()
    {
        var request = Approved();

        var refusal = Refused("refund-over-spend", () => request.Pay(Eur(399.99m), Staff, At(4)));

        Assert.Contains("only 399.99 EUR is left", refusal.Message);
        Assert.Equal(RefundStatus.Approved, request.Status);
        Assert.Null(request.RefundedAt);
    }

    [Theory]
    [InlineData(RefundStatus.InReview)]
    [InlineData(RefundStatus.Denied)]
    [InlineData(RefundStatus.Disputed)]
    [InlineData(RefundStatus.Withdrawn)]
    public void Pay_WhenNotApproved_IsRefused(RefundStatus status)
    {
        var request = InState(status);

        Refused("refund-wrong-status", () => request.Pay(Eur(1000m), Staff, At(5)));
        Assert.Equal(status, request.Status);
        Assert.Null(request.RefundedAt);
    }
}

public class WithdrawRefundTests
{
    [Theory]
    [InlineData(RefundStatus.Submitted)]
    [InlineData(RefundStatus.InReview)]
    [InlineData(RefundStatus.AwaitingAdvertiser)]
    [InlineData(RefundStatus.Disputed)]
    public void Withdraw_AnOpenCase_IsWithdrawnAndStopsTheClock(RefundStatus status)
    {
        var request = InState(status);

        request.Withdraw(Advertiser, At(20));

        Assert.Equal(RefundStatus.Withdrawn, request.Status);
        Assert.False(request.IsOpen);
        Assert.Null(request.ClockDueAt);
        Assert.Null(request.ResponseDueAt);
        Assert.Null(request.PausedRemaining);
        var withdrawn = request.Events[^1];
        Assert.Equal(RefundEventKind.Withdrawn, withdrawn.Kind);
        Assert.Equal(status, withdrawn.FromStatus);
        Assert.Equal(RefundStatus.Withdrawn, withdrawn.ToStatus);
    }

    [Theory]
    [InlineData(RefundStatus.Approved)]
    [InlineData(RefundStatus.PartiallyApproved)]
    [InlineData(RefundStatus.Denied)]
    [InlineData(RefundStatus.Refunded)]
    [InlineData(RefundStatus.Withdrawn)]
    public void Withdraw_AClosedCase_IsRefused(RefundStatus status)
    {
        var request = InState(status);

        var refusal = Refused("refund-closed", () => request.Withdraw(Advertiser, At(20)));

        Assert.Equal($"You cannot withdraw a case that is {RefundRequest.Describe(status)}.", refusal.Message);
        Assert.Equal(status, request.Status);
    }
}
