using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using Xunit;
using static AdPolicy.Domain.Tests.Ace.AceFixture;

namespace AdPolicy.Domain.Tests.Ace;

public sealed class DeadlineTests
{
    private static readonly Fact Removed = Fact.Of(FactKind.PlatformRemovedAds, EventValues.Of(EventValue.Ads, "AD-1"));

    private static readonly Fact PlanCancelled = Fact.Of(FactKind.PlanCancelled, EventValues.Of(EventValue.Plan, "CMP-1"));

    private static readonly Fact AdvertiserRemoved = Fact.Of(FactKind.AdvertiserRemovedAds, EventValues.Of(EventValue.Ads, "AD-1"));

    [Fact]
    public void ForComplaint_UserComplaint_RemoveContentWithin24HoursOfFiling()
    {
        var complaint = UserComplaint(T0);
        complaint.Claim(Staff, T0.AddHours(20));

        var deadline = Assert.Single(Deadline.ForComplaint(complaint, Defaults));

        Assert.Equal(DeadlineKind.RemoveContent, deadline.Kind);
        Assert.Equal(T0, deadline.StartsAt);
        Assert.Equal(T0.AddHours(24), deadline.DueAt);
        Assert.Equal(complaint.Id, deadline.ComplaintId);
        Assert.Equal(AdId, deadline.AdId);
        Assert.Equal(DeadlineState.Pending, deadline.State);
    }

    [Fact]
    public void ForComplaint_IpComplaint_Removal48AndCooperation72HoursAfterFiling()
    {
        var deadlines = Deadline.ForComplaint(IpComplaint(T0), Defaults);

        Assert.Equal(
            [(DeadlineKind.RemoveContent, T0.AddHours(48)), (DeadlineKind.CooperateWithComplainant, T0.AddHours(72))],
            deadlines.Select(d => (d.Kind, d.DueAt)));
    }

    [Fact]
    public void ForComplaint_WhenWithdrawn_IsRefused()
    {
        var complaint = UserComplaint(T0);
        complaint.Withdraw(complaint.Complainant, T0.AddHours(1));

        var ex = Assert.Throws<DomainRuleException>(() => Deadline.ForComplaint(complaint, Defaults));

        Assert.Equal("deadline-closed-complaint", ex.Rule);
    }

    [Fact]
    public void ForViolationNotice_CorrectSimilarContentWithin48HoursOfNotice()
    {
        var violation = ViolationAt(T0, ViolationTier.Medium);
        var notified = T0.AddHours(3);

        var deadline = Deadline.ForViolationNotice(violation, notified, Defaults);

        Assert.Equal(DeadlineKind.CorrectSimilarContent, deadline.Kind);
        Assert.Equal(notified.AddHours(48), deadline.DueAt);
        Assert.Equal(violation.Id, deadline.ViolationId);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void IsDue_FromTheDueTimeItself(int secondsFromDue, bool due)
    {
        var deadline = Assert.Single(Deadline.ForComplaint(UserComplaint(T0), Defaults));

        Assert.Equal(due, deadline.IsDue(T0.AddHours(24).AddSeconds(secondsFromDue)));
    }

    [Fact]
    public void MarkMissed_OneSecondBeforeDue_IsRefused()
    {
        var deadline = UserDeadline();

        var ex = Assert.Throws<DomainRuleException>(() => deadline.MarkMissed([Removed], T0.AddHours(24).AddSeconds(-1)));

        Assert.Equal("deadline-not-due", ex.Rule);
        Assert.Equal(DeadlineState.Pending, deadline.State);
    }

    [Fact]
    public void MarkMissed_Twice_IsRefused()
    {
        var deadline = UserDeadline();
        deadline.MarkMissed([Removed, PlanCancelled], T0.AddHours(24));

        var ex = Assert.Throws<DomainRuleException>(() => deadline.MarkMissed([Removed], T0.AddHours(25)));

        Assert.Equal("deadline-ended", ex.Rule);
        Assert.Equal(DeadlineState.Missed, deadline.State);
        Assert.Equal(T0.AddHours(24), deadline.EndedAt);
        Assert.Equal([Removed, PlanCancelled], deadline.Outcome!); // the first outcome stays
    }

    public static TheoryData<string> Ended => ["met", "cancelled"];

    [Theory]
    [MemberData(nameof(Ended))]
    public void MarkMissed_WhenMetOrCancelled_IsRefused(string how)
    {
        var deadline = UserDeadline();
        if (how == "met")
        {
            deadline.Meet(AdvertiserRemoved, T0.AddHours(2));
        }
        else
        {
            deadline.Cancel(Fact.Of(FactKind.ComplaintRejected, EventValues.Of(EventValue.Complaint, "AC-1")), T0.AddHours(2));
        }

        var ex = Assert.Throws<DomainRuleException>(() => deadline.MarkMissed([Removed], T0.AddHours(30)));

        Assert.Equal("deadline-ended", ex.Rule);
        Assert.NotEqual(DeadlineState.Missed, deadline.State);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Meet_AtDue_Counts_AfterDue_IsRefused(int secondsAfterDue, bool met)
    {
        var deadline = UserDeadline();
        var at = T0.AddHours(24).AddSeconds(secondsAfterDue);

        if (met)
        {
            deadline.Meet(AdvertiserRemoved, at);
            Assert.Equal(DeadlineState.Met, deadline.State);
        }
        else
        {
            var ex = Assert.Throws<DomainRuleException>(() => deadline.Meet(AdvertiserRemoved, at));
            Assert.Equal("deadline-passed", ex.Rule);
            Assert.Equal(DeadlineState.Pending, deadline.State);
        }
    }

    [Theory]
    [InlineData(20, 30, UpholdJudgement.Met, DeadlineState.Met)]
    [InlineData(24, 30, UpholdJudgement.Met, DeadlineState.Met)]
    [InlineData(25, 30, UpholdJudgement.EnforceNow, DeadlineState.Pending)]
    [InlineData(null, 30, UpholdJudgement.EnforceNow, DeadlineState.Pending)]
    [InlineData(null, 10, UpholdJudgement.StillRunning, DeadlineState.Pending)]
    [InlineData(5, 10, UpholdJudgement.Met, DeadlineState.Met)]
    public void JudgeAtUphold_MeetsWhatWasDoneInTime_AndEnforcesTheRest(int? removedAtHour, int upholdHour, UpholdJudgement judgement, DeadlineState state)
    {
        var complaint = UserComplaint(T0);
        var deadline = Assert.Single(Deadline.ForComplaint(complaint, Defaults));
        var uphold = T0.AddHours(upholdHour);
        complaint.Uphold(ViolationTier.Medium, "Confirmed.", Staff, 1, uphold);

        var result = deadline.JudgeAtUphold(removedAtHour is { } h ? T0.AddHours(h) : null, uphold);

        Assert.Equal(judgement, result);
        Assert.Equal(state, deadline.State);
        Assert.Equal(judgement == UpholdJudgement.EnforceNow, deadline.IsDue(uphold) && deadline.IsPending);
    }

    [Fact]
    public void Reminder_IsDueWithinTheLeadTime_AndSentOnce()
    {
        var deadline = UserDeadline();

        Assert.False(deadline.IsReminderDue(Defaults, T0.AddHours(18).AddSeconds(-1)));
        Assert.True(deadline.IsReminderDue(Defaults, T0.AddHours(18)));
        deadline.MarkReminderSent(T0.AddHours(18));
        Assert.False(deadline.IsReminderDue(Defaults, T0.AddHours(19)));
        Assert.Throws<DomainRuleException>(() => deadline.MarkReminderSent(T0.AddHours(19)));
    }

    [Fact]
    public void SanctionFor_EachKind_IsThePolicySetting()
    {
        var deadlines = Deadline.ForComplaint(IpComplaint(T0), Defaults)
            .Append(Deadline.ForViolationNotice(ViolationAt(T0, ViolationTier.Low), T0, Defaults));

        Assert.Equal(
            [Domain.Policy.MissedDeadlineSanction.CancelAdPlan, Domain.Policy.MissedDeadlineSanction.BlockNewAccounts, Domain.Policy.MissedDeadlineSanction.BlockAccountAndDeposit],
            deadlines.Select(d => d.SanctionFor(Defaults)));
    }

    private static Deadline UserDeadline() => Assert.Single(Deadline.ForComplaint(UserComplaint(T0), Defaults));
}
