using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Promotions;
using Xunit;
using static AdPolicy.Domain.Tests.Ace.AceFixture;

namespace AdPolicy.Domain.Tests.Ace;

public sealed class ComplaintDecisionTests
{
    [Fact]
    public void Claim_MovesAFiledComplaintIntoReview()
    {
        var complaint = UserComplaint(T0);

        complaint.Claim(Staff, T0.AddHours(1));

        Assert.Equal(ComplaintStatus.InReview, complaint.Status);
        Assert.Equal("Sam Agent", complaint.AssigneeName);
        Assert.Equal(ComplaintEventKind.Claimed, complaint.Events[^1].Kind);
    }

    [Fact]
    public void Claim_WhenAnotherStaffMemberHasIt_IsRefused()
    {
        var complaint = UserComplaint(T0);
        complaint.Claim(Staff, T0.AddHours(1));

        var ex = Assert.Throws<DomainRuleException>(() => complaint.Claim(OtherStaff, T0.AddHours(2)));

        Assert.Equal("ace-already-claimed", ex.Rule);
        Assert.Equal("Sam Agent already has this complaint.", ex.Message);
        Assert.Equal("Sam Agent", complaint.AssigneeName);
    }

    [Fact]
    public void Uphold_WhenWithdrawn_IsRefused()
    {
        var complaint = UserComplaint(T0);
        complaint.Withdraw(complaint.Complainant, T0.AddHours(1));

        var ex = Assert.Throws<DomainRuleException>(() => complaint.Uphold(ViolationTier.High, "Scam.", Staff, 1, T0.AddHours(2)));

        Assert.Equal("ace-not-decidable", ex.Rule);
        Assert.Contains("withdrew", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ComplaintStatus.Withdrawn, complaint.Status);
        Assert.Null(complaint.ViolationId);
    }

    [Fact]
    public void Uphold_WhenAlreadyRejected_IsRefused()
    {
        var complaint = UserComplaint(T0);
        complaint.Reject("Not supported by the evidence.", Staff, T0.AddHours(1));

        var ex = Assert.Throws<DomainRuleException>(() => complaint.Uphold(ViolationTier.Low, "On second thought.", Staff, 1, T0.AddHours(2)));

        Assert.Equal("ace-not-decidable", ex.Rule);
        Assert.Equal(ComplaintStatus.Rejected, complaint.Status);
    }

    [Theory]
    [InlineData(ComplaintType.UserComplaint, false)]
    [InlineData(ComplaintType.IntellectualProperty, true)]
    public void Uphold_RecordsAViolation_AStrikeOnlyForIp(ComplaintType type, bool isStrike)
    {
        var complaint = type == ComplaintType.IntellectualProperty ? IpComplaint(T0) : UserComplaint(T0);
        var at = T0.AddHours(5);

        var violation = complaint.Uphold(ViolationTier.High, "  Confirmed.  ", Staff, 7, at);

        Assert.Equal(ComplaintStatus.Upheld, complaint.Status);
        Assert.Equal(violation.Id, complaint.ViolationId);
        Assert.Equal(ViolationTier.High, complaint.Tier);
        Assert.Equal(7, complaint.DecisionPolicyVersion);
        Assert.Equal("Confirmed.", complaint.DecisionReason);
        Assert.Equal(isStrike, violation.IsStrike);
        Assert.Equal(complaint.Id, violation.ComplaintId);
        Assert.Equal(complaint.Category, violation.Category);
        Assert.Equal(AccountId, violation.AdAccountId);
        Assert.Equal(at, violation.RecordedAt);
        Assert.Equal(ViolationStatus.Active, violation.Status);
    }

    [Fact]
    public void Uphold_ByAnAdvertiser_IsRefused()
    {
        var complaint = UserComplaint(T0);

        var ex = Assert.Throws<DomainRuleException>(() => complaint.Uphold(ViolationTier.Low, "Mine.", Advertiser, 1, T0));

        Assert.Equal("ace-staff-only", ex.Rule);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Withdraw_OpenOrUpheld_IsAllowedToTheComplainant(bool upheld)
    {
        var complaint = IpComplaint(T0);
        if (upheld)
        {
            complaint.Uphold(ViolationTier.Medium, "Logo misuse.", Staff, 1, T0.AddHours(3));
        }

        complaint.Withdraw(complaint.Complainant, T0.AddHours(4));

        Assert.Equal(ComplaintStatus.Withdrawn, complaint.Status);
        Assert.Equal(T0.AddHours(4), complaint.WithdrawnAt);
        Assert.Equal(upheld, complaint.ViolationId is not null);
    }

    [Fact]
    public void Withdraw_WhenRejected_IsRefused()
    {
        var complaint = UserComplaint(T0);
        complaint.Reject("No evidence.", Staff, T0.AddHours(1));

        var ex = Assert.Throws<DomainRuleException>(() => complaint.Withdraw(complaint.Complainant, T0.AddHours(2)));

        Assert.Equal("ace-withdraw-rejected", ex.Rule);
    }

    [Fact]
    public void Withdraw_ByTheAdvertiser_IsRefused()
    {
        var complaint = UserComplaint(T0);

        var ex = Assert.Throws<DomainRuleException>(() => complaint.Withdraw(Advertiser, T0.AddHours(1)));

        Assert.Equal("ace-complainant-only", ex.Rule);
        Assert.Equal(ComplaintStatus.Filed, complaint.Status);
    }

    [Fact]
    public void SendCooperationMessage_IsShownToTheComplainant()
    {
        var complaint = IpComplaint(T0);

        complaint.SendCooperationMessage("We removed the ad; invoice of our licence attached.", Advertiser, T0.AddHours(10));

        var message = complaint.Events[^1];
        Assert.Equal(ComplaintEventKind.CooperationMessage, message.Kind);
        Assert.True(message.VisibleToComplainant);
        Assert.False(message.IsInternal);
        Assert.Equal(T0.AddHours(10), complaint.FirstCooperationMessageAt);
    }

    [Fact]
    public void SendCooperationMessage_AfterWithdrawal_IsRefused()
    {
        var complaint = IpComplaint(T0);
        complaint.Withdraw(complaint.Complainant, T0.AddHours(1));

        var ex = Assert.Throws<DomainRuleException>(() => complaint.SendCooperationMessage("Outcome.", Advertiser, T0.AddHours(2)));

        Assert.Equal("ace-complaint-closed", ex.Rule);
    }

    [Fact]
    public void FlagOverdueForReview_FlagsOnce_AndTheDecisionClearsIt()
    {
        var complaint = UserComplaint(T0);
        complaint.FlagOverdueForReview(T0.AddHours(24));

        Assert.True(complaint.OverdueForReview);
        Assert.True(complaint.Events[^1].IsInternal);
        var ex = Assert.Throws<DomainRuleException>(() => complaint.FlagOverdueForReview(T0.AddHours(25)));
        Assert.Equal("ace-already-overdue", ex.Rule);

        complaint.Uphold(ViolationTier.Low, "Confirmed.", Staff, 1, T0.AddHours(30));

        Assert.False(complaint.OverdueForReview);
    }

    [Fact]
    public void FlagOverdueForReview_WhenDecided_IsRefused()
    {
        var complaint = UserComplaint(T0);
        complaint.Reject("No evidence.", Staff, T0.AddHours(1));

        var ex = Assert.Throws<DomainRuleException>(() => complaint.FlagOverdueForReview(T0.AddHours(24)));

        Assert.Equal("ace-overdue-decided", ex.Rule);
    }

    [Fact]
    public void RevokeTracking_Twice_IsRefused()
    {
        var complaint = UserComplaint(T0);
        complaint.RevokeTracking(T0.AddHours(1));

        var ex = Assert.Throws<DomainRuleException>(() => complaint.RevokeTracking(T0.AddHours(2)));

        Assert.Equal("ace-tracking-revoked", ex.Rule);
        Assert.False(complaint.IsTrackingActive);
        Assert.Equal(T0.AddHours(1), complaint.TrackingRevokedAt);
    }

    [Fact]
    public void Remove_KeepsTheViolationOnTheRecordAsRemoved_Once()
    {
        var violation = ViolationAt(T0, ViolationTier.High);

        violation.Remove(Fact.Of(FactKind.AppealApproved), T0.AddDays(2));

        Assert.Equal(ViolationStatus.Removed, violation.Status);
        Assert.Equal(T0.AddDays(2), violation.RemovedAt);
        Assert.Equal(AdStatus.Removed, violation.AdEffect);
        var ex = Assert.Throws<DomainRuleException>(() => violation.Remove(Fact.Of(FactKind.AppealApproved), T0.AddDays(3)));
        Assert.Equal("violation-already-removed", ex.Rule);
    }
}
