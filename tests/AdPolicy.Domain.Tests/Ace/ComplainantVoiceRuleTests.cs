using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using Xunit;
using static AdPolicy.Domain.Tests.Ace.AceFixture;

namespace AdPolicy.Domain.Tests.Ace;

/// <summary>The complainant's voice (SPEC 3.1): a contest once, within the window, reviewed by somebody else; messages that count.</summary>
public sealed class ComplainantVoiceRuleTests
{
    private static AceComplaint Rejected()
    {
        var complaint = UserComplaint(T0);
        complaint.Reject("Nothing in the ad promised that.", Staff, T0.AddHours(1));
        return complaint;
    }

    [Fact]
    public void Contest_WithinTheWindow_GoesBackForReview_AndRemembersWhoRejected()
    {
        var complaint = Rejected();

        complaint.Contest("The ad did promise it; see the screenshot.", Defaults.ContestWindow, T0.AddDays(3));

        Assert.Equal(ComplaintStatus.Contested, complaint.Status);
        Assert.Equal(Staff.UserId, complaint.RejectedById);
        Assert.False(complaint.MayContest(Defaults.ContestWindow, T0.AddDays(3)));
    }

    [Fact]
    public void Contest_AfterTheWindow_IsRefused()
    {
        var complaint = Rejected();

        var ex = Assert.Throws<DomainRuleException>(() => complaint.Contest("Late.", Defaults.ContestWindow, T0.AddHours(1) + Defaults.ContestWindow + TimeSpan.FromSeconds(1)));

        Assert.Equal(RuleCodes.AceContestWindow, ex.Rule);
        Assert.Equal(ComplaintStatus.Rejected, complaint.Status);
    }

    [Fact]
    public void Contest_AnOpenOrUpheldComplaint_IsRefused()
    {
        var ex = Assert.Throws<DomainRuleException>(() => UserComplaint(T0).Contest("Why?", Defaults.ContestWindow, T0));

        Assert.Equal(RuleCodes.AceContestClosed, ex.Rule);
    }

    [Fact]
    public void ReviewingTheContest_ByWhoRejected_IsRefused_ByAnother_IsFinal()
    {
        var complaint = Rejected();
        complaint.Contest("Please look again.", Defaults.ContestWindow, T0.AddDays(1));

        var same = Assert.Throws<DomainRuleException>(() => complaint.TurnDownContest("Still no.", Staff, T0.AddDays(2)));
        Assert.Equal(RuleCodes.AceContestSameReviewer, same.Rule);

        complaint.TurnDownContest("The ad promised nothing about delivery.", OtherStaff, T0.AddDays(2));
        Assert.Equal(ComplaintStatus.Rejected, complaint.Status);
        var again = Assert.Throws<DomainRuleException>(() => complaint.Contest("Once more.", Defaults.ContestWindow, T0.AddDays(3)));
        Assert.Equal(RuleCodes.AceContestOnce, again.Rule);
    }

    [Fact]
    public void UpholdOnContest_RecordsTheViolation_AndBringsBackTheCancelledDeadlineToBeJudged()
    {
        var complaint = UserComplaint(T0);
        var removal = Deadline.ForComplaint(complaint, Defaults).Single();
        complaint.Reject("No.", Staff, T0.AddHours(1));
        removal.Cancel(Fact.Of(FactKind.ComplaintRejected, EventValues.Of(EventValue.Complaint, complaint.Reference)), T0.AddHours(1));
        complaint.Contest("Yes.", Defaults.ContestWindow, T0.AddHours(2));

        var violation = complaint.UpholdOnContest(ViolationTier.Low, "On review the ad misled.", OtherStaff, 1, T0.AddHours(30));
        removal.Reinstate(complaint);

        Assert.Equal(ComplaintStatus.Upheld, complaint.Status);
        Assert.Equal(complaint.Id, violation.ComplaintId);
        Assert.Equal(UpholdJudgement.EnforceNow, removal.JudgeAtUphold(null, T0.AddHours(30)));
    }

    [Fact]
    public void ACooperationMessage_SentWhileTheLinkIsRevoked_DoesNotReachTheComplainant_NorMeetTheDeadline()
    {
        var complaint = IpComplaint(T0);
        var cooperation = Deadline.ForComplaint(complaint, Defaults).Single(d => d.Kind == DeadlineKind.CooperateWithComplainant);
        complaint.RevokeTracking(T0.AddHours(1));

        var message = complaint.SendCooperationMessage("Our licence.", Advertiser, T0.AddHours(2));

        Assert.False(message.VisibleToComplainant);
        Assert.Null(complaint.FirstCooperationMessageAt);
        var ex = Assert.Throws<DomainRuleException>(() => cooperation.MeetByMessage(message, Fact.Of(FactKind.AdvertiserWroteToComplainant, EventValues.Of(EventValue.Files, 0)), T0.AddHours(2)));
        Assert.Equal(RuleCodes.DeadlineNotDelivered, ex.Rule);

        complaint.ReissueTracking("new-hash", Staff, T0.AddHours(3));
        var delivered = complaint.SendCooperationMessage("Our licence, again.", Advertiser, T0.AddHours(4));
        cooperation.MeetByMessage(delivered, Fact.Of(FactKind.AdvertiserWroteToComplainant, EventValues.Of(EventValue.Files, 0)), T0.AddHours(4));
        Assert.Equal(DeadlineState.Met, cooperation.State);
    }

    [Fact]
    public void AReply_NeedsAnAdvertiserMessageToAnswer()
    {
        var complaint = UserComplaint(T0);

        var ex = Assert.Throws<DomainRuleException>(() => complaint.ReplyToAdvertiser("Thanks.", T0));

        Assert.Equal(RuleCodes.AceComplainantMessage, ex.Rule);
    }

    [Fact]
    public void TheAdvertiser_SeesAUserComplainantByPseudonym_AndARightsHolderByName()
    {
        var user = UserComplaint(T0);
        user.NumberComplainant(4);

        Assert.Equal("Complainant 4", user.ShownToAdvertiserAs);
        Assert.Equal("Brand Ltd (rights holder; Rita Rights)", IpComplaint(T0).ShownToAdvertiserAs);
    }
}
