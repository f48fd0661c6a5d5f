using AdPolicy.Domain.Common;
using AdPolicy.Domain.Refunds;
using static AdPolicy.Domain.Tests.Refunds.RefundFixture;

namespace AdPolicy.Domain.Tests.Refunds;

/// <summary>Every transition is a timeline event with its actor, time and the status it moved from and to.</summary>
public class RefundTimelineTests
{
    private static (RefundEventKind Kind, RefundStatus? From, RefundStatus? To, string Actor, DateTimeOffset At, bool Internal) Line(RefundEvent e) =>
        (e.Kind, e.FromStatus, e.ToStatus, e.ActorName, e.At, e.IsInternal);

    [Fact]
    public void Journey_FromFilingToPayment_RecordsEachStep()
    {
        var request = Filed();
        request.Claim(Staff, At(1));
        request.RequestInformation("Which dates?", At(50), Staff, At(2));
        request.FollowUp("Answering tomorrow.", Advertiser, Settings, At(3));
        request.ProvideInformation("3 to 9 May.", Advertiser, Settings, At(4));
        request.FollowUp("Any news?", Advertiser, Settings, At(5));
        request.Reply("Checking the logs.", Staff, At(6));
        request.AddInternalNote("Logs confirm the outage.", Staff, At(7));
        request.Approve(Eur(400m), "Outage confirmed.", Eur(1000m), Staff, PolicyVersion, At(8));
        request.Pay(Eur(1000m), Staff, At(9));

        Assert.Equal(
            [
                (RefundEventKind.Filed, null, RefundStatus.Submitted, "Ada Advertiser", T0, false),
                (RefundEventKind.Claimed, RefundStatus.Submitted, RefundStatus.InReview, "Sam Agent", At(1), false),
                (RefundEventKind.InformationRequested, RefundStatus.InReview, RefundStatus.AwaitingAdvertiser, "Sam Agent", At(2), false),
                (RefundEventKind.FollowedUp, RefundStatus.AwaitingAdvertiser, RefundStatus.AwaitingAdvertiser, "Ada Advertiser", At(3), false),
                (RefundEventKind.InformationProvided, RefundStatus.AwaitingAdvertiser, RefundStatus.InReview, "Ada Advertiser", At(4), false),
                (RefundEventKind.FollowedUp, RefundStatus.InReview, RefundStatus.InReview, "Ada Advertiser", At(5), false),
                (RefundEventKind.StaffReplied, RefundStatus.InReview, RefundStatus.InReview, "Sam Agent", At(6), false),
                (RefundEventKind.InternalNote, RefundStatus.InReview, RefundStatus.InReview, "Sam Agent", At(7), true),
                (RefundEventKind.Approved, RefundStatus.InReview, RefundStatus.Approved, "Sam Agent", At(8), false),
                (RefundEventKind.Refunded, RefundStatus.Approved, RefundStatus.Refunded, "Sam Agent", At(9), false),
            ],
            request.Events.Select(Line));
        Assert.All(request.Events, e => Assert.Equal(request.Id, e.RefundRequestId));
        Assert.Equal(At(9), request.UpdatedAt);
    }

    [Fact]
    public void Journey_DeniedDisputedAndPartiallyApproved_RecordsEachStep()
    {
        var request = Denied();
        request.Dispute("Change log attached.", Advertiser, Settings, At(3));
        request.Claim(OtherStaff, At(4));
        request.Approve(Eur(100m), "Partly our fault.", Eur(1000m), OtherStaff, PolicyVersion, At(5));

        Assert.Equal(
            [
                (RefundEventKind.Denied, RefundStatus.InReview, RefundStatus.Denied, "Sam Agent", At(2), false),
                (RefundEventKind.Disputed, RefundStatus.Denied, RefundStatus.Disputed, "Ada Advertiser", At(3), false),
                (RefundEventKind.Claimed, RefundStatus.Disputed, RefundStatus.InReview, "Kim Agent", At(4), false),
                (RefundEventKind.PartiallyApproved, RefundStatus.InReview, RefundStatus.PartiallyApproved, "Kim Agent", At(5), false),
            ],
            request.Events.Skip(2).Select(Line));
    }

    [Fact]
    public void Filed_RecordsTheDescriptionAndAmount()
    {
        var filed = Assert.Single(Filed().Events);

        Assert.Equal("Delivery stopped at 60% of the impressions.", filed.Text);
        Assert.Equal("400.00 EUR", filed.Value(EventValue.Amount));
        Assert.Equal(Advertiser.UserId, filed.ActorId);
        Assert.Equal(Common.ActorKind.Advertiser, filed.ActorKind);
    }

    [Fact]
    public void Claim_RecordsTheAssigneeChange()
    {
        var request = Filed();

        request.Claim(Staff, At(1));

        Assert.Null(request.Events[^1].Value(EventValue.From(EventValue.Assignee)));
        Assert.Equal("Sam Agent", request.Events[^1].Value(EventValue.Assignee));
    }

    [Fact]
    public void Approve_RecordsTheApprovedAmountChange()
    {
        var request = Approved();

        Assert.Null(request.Events[^1].Value(EventValue.From(EventValue.ApprovedAmount)));
        Assert.Equal("400.00 EUR", request.Events[^1].Value(EventValue.ApprovedAmount));
        Assert.Equal("Delivery fell short by 40%.", request.Events[^1].Text);
    }

    [Fact]
    public void InternalNote_IsInternal_AndOtherStaffMessagesAreNot()
    {
        var request = InReview();

        request.AddInternalNote("Advertiser paused twice.", Staff, At(2));
        request.Reply("We are looking at it.", Staff, At(3));

        Assert.True(request.Events[^2].IsInternal);
        Assert.Equal("Advertiser paused twice.", request.Events[^2].Text);
        Assert.False(request.Events[^1].IsInternal);
        Assert.Equal(RefundStatus.InReview, request.Status);
    }

    [Fact]
    public void InternalNote_WithoutText_IsRefused()
    {
        var request = InReview();

        Refused("refund-note-text", () => request.AddInternalNote(" ", Staff, At(2)));
        Assert.Equal(2, request.Events.Count);
    }
}
