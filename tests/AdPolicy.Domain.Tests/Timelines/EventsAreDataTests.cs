using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Refunds;
using AceData = AdPolicy.Domain.Tests.Ace.AceFixture;
using RefundData = AdPolicy.Domain.Tests.Refunds.RefundFixture;

namespace AdPolicy.Domain.Tests.Timelines;

/// <summary>
/// A timeline event keeps what a person wrote and the facts of what happened as values; the sentences are the pages'
/// (so they can be said in the reader's language). Nothing the domain records is a sentence of its own.
/// </summary>
public class EventsAreDataTests
{
    [Fact]
    public void ARefundJourney_StoresOnlyWhatPeopleWrote_AndTheFactsAsValues()
    {
        var request = RefundData.Filed();
        request.Claim(RefundData.Staff, RefundData.At(1));
        request.AssignTo(RefundData.OtherStaff.UserId!.Value, RefundData.OtherStaff.DisplayName, RefundData.Staff, RefundData.At(2));
        request.RequestInformation("Which dates?", RefundData.At(50), RefundData.Staff, RefundData.At(3));
        request.ProvideInformation("3 to 9 May.", RefundData.Advertiser, RefundData.Settings, RefundData.At(4));
        request.Approve(RefundData.Eur(400m), "Outage confirmed.", RefundData.Eur(1000m), RefundData.Staff, RefundData.PolicyVersion, RefundData.At(5));
        request.Pay(RefundData.Eur(1000m), RefundData.Staff, RefundData.At(6));

        Assert.Equal(
            [request.Description, null, null, "Which dates?", "3 to 9 May.", "Outage confirmed.", null],
            request.Events.Select(e => e.Text));
        var byKind = request.Events.ToDictionary(e => e.Kind);
        Assert.Equal("Sam Agent", byKind[RefundEventKind.Assigned].Value(EventValue.From(EventValue.Assignee)));
        Assert.Equal(RefundData.OtherStaff.DisplayName, byKind[RefundEventKind.Assigned].Value(EventValue.Assignee));
        Assert.Equal(RefundData.At(50), DateTimeOffset.Parse(byKind[RefundEventKind.InformationRequested].Value(EventValue.AnswerDue)!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("400.00 EUR", byKind[RefundEventKind.Refunded].Value(EventValue.RefundedAmount));
        Assert.Null(byKind[RefundEventKind.Refunded].Changes);
    }

    [Fact]
    public void SystemEventsOnAComplaint_HaveNoText_OnlyTheirKindAndValues()
    {
        var other = AceData.UserComplaint(AceData.T0);
        var complaint = AceData.UserComplaint(AceData.T0.AddHours(1));
        complaint.JoinGroupOf(other, TimeSpan.FromDays(7));
        complaint.SplitFromGroup(1, AceData.Staff, AceData.T0.AddHours(2));
        complaint.FlagOverdueForReview(AceData.T0.AddHours(3));
        complaint.RevokeTracking(AceData.T0.AddHours(4));
        complaint.Uphold(ViolationTier.High, "A scam shop.", AceData.Staff, 3, AceData.T0.AddHours(5));

        var system = complaint.Events.Where(e => e.Kind is ComplaintEventKind.SplitFromGroup or ComplaintEventKind.FlaggedOverdueForReview or ComplaintEventKind.TrackingRevoked).ToList();
        Assert.Equal(3, system.Count);
        Assert.All(system, e => Assert.Null(e.Text));
        var upheld = complaint.Events[^1];
        Assert.Equal("A scam shop.", upheld.Text);
        Assert.Equal(nameof(ViolationTier.High), upheld.Value(EventValue.Tier));
        Assert.Equal(nameof(ProhibitedCategory.FalsePromotionOrScam), upheld.Value(EventValue.Category));
        Assert.Equal(3, complaint.DecisionPolicyVersion);
    }
}
