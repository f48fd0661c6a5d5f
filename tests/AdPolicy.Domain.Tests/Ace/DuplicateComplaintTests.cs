using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using static AdPolicy.Domain.Tests.Ace.AceFixture;

namespace AdPolicy.Domain.Tests.Ace;

/// <summary>Complaints about the same ad and category within the policy's window are one group, decided once.</summary>
public sealed class DuplicateComplaintTests
{
    private static readonly TimeSpan Week = Defaults.DuplicateComplaintWindow;

    [Fact]
    public void AComplaintAboutTheSameAdAndCategoryWithinTheWindow_JoinsTheOpenComplaintsGroup()
    {
        var first = UserComplaint(T0);
        var second = UserComplaint(T0.AddDays(6));

        second.JoinGroupOf(first, Week);

        Assert.Equal(first.GroupId, second.GroupId);
        Assert.NotEqual(first.GroupId, UserComplaint(T0).GroupId);
    }

    [Fact]
    public void AnotherCategory_ALaterThanTheWindow_OrADecidedComplaint_IsNoDuplicate()
    {
        var first = UserComplaint(T0);

        Assert.False(UserComplaint(T0.AddHours(1), ProhibitedCategory.SlowAfterSales).Duplicates(first, Week));
        Assert.False(UserComplaint(T0.AddDays(8)).Duplicates(first, Week));
        first.Reject("Not a scam.", Staff, T0.AddHours(2));
        var late = UserComplaint(T0.AddHours(3));
        Assert.False(late.Duplicates(first, Week));
        Assert.Equal("ace-not-duplicate", Assert.Throws<DomainRuleException>(() => late.JoinGroupOf(first, Week)).Rule);
    }

    [Fact]
    public void UpholdWithGroup_TakesTheGroupsReasonAndTier_WithoutAViolationOfItsOwn()
    {
        var first = UserComplaint(T0);
        var second = UserComplaint(T0.AddHours(1));
        second.JoinGroupOf(first, Week);
        first.Uphold(ViolationTier.High, "A scam shop.", Staff, 3, T0.AddHours(2));

        second.UpholdWithGroup(first, Staff, T0.AddHours(2));

        Assert.Equal(ComplaintStatus.Upheld, second.Status);
        Assert.Equal(ViolationTier.High, second.Tier);
        Assert.Equal("A scam shop.", second.DecisionReason);
        Assert.Equal(3, second.DecisionPolicyVersion);
        Assert.Null(second.ViolationId);
        Assert.Equal(first.Reference, second.Events[^1].Value(EventValue.DecidedWith));
    }

    [Fact]
    public void SplitFromGroup_GivesTheComplaintAGroupOfItsOwn_AndIsRefusedForAComplaintStandingAlone()
    {
        var first = UserComplaint(T0);
        var second = UserComplaint(T0.AddHours(1));
        second.JoinGroupOf(first, Week);

        second.SplitFromGroup(othersInGroup: 1, Staff, T0.AddHours(2));

        Assert.NotEqual(first.GroupId, second.GroupId);
        Assert.Equal("ace-group-decision", Assert.Throws<DomainRuleException>(() =>
        {
            first.Uphold(ViolationTier.Low, "Yes.", Staff, 1, T0.AddHours(3));
            second.UpholdWithGroup(first, Staff, T0.AddHours(3));
        }).Rule);
        Assert.Equal("ace-split-alone", Assert.Throws<DomainRuleException>(() => UserComplaint(T0).SplitFromGroup(0, Staff, T0)).Rule);
    }
}
