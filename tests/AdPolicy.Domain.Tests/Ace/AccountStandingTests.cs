using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Policy;
using Xunit;
using static AdPolicy.Domain.Tests.Ace.AceFixture;

namespace AdPolicy.Domain.Tests.Ace;

public sealed class AccountStandingTests
{
    [Theory]
    [InlineData(-1, AccountStatus.Suspended)]
    [InlineData(0, AccountStatus.Active)]
    [InlineData(1, AccountStatus.Active)]
    public void TemporarySuspension_NoLongerSuspendsOnceExpired(int secondsFromEnd, AccountStatus status)
    {
        var high = ViolationAt(Day(0), ViolationTier.High);

        var standing = Standing(Day(7).AddSeconds(secondsFromEnd), high);

        Assert.Equal(status, standing.Status);
        Assert.Equal(status == AccountStatus.Active, standing.MayRunAds);
        Assert.Single(standing.Sanctions);
    }

    [Fact]
    public void MostSevere_Wins_PermanentOverTemporaryOverRestricted()
    {
        var account = Account();
        account.SetShopQualityScore(40, Day(0));
        var high = ViolationAt(Day(1), ViolationTier.High);
        var critical = ViolationAt(Day(2), ViolationTier.Critical, ProhibitedCategory.IllegalOrFraudulent);

        var restricted = SanctionLadder.Evaluate(account, [], [], Defaults, Day(3));
        var suspended = SanctionLadder.Evaluate(account, [high], [], Defaults, Day(3));
        var permanent = SanctionLadder.Evaluate(account, [high, critical], [], Defaults, Day(3));

        Assert.Equal(AccountStatus.Restricted, restricted.Status);
        Assert.Equal(AccountStatus.Suspended, suspended.Status);
        Assert.Equal(Day(8), suspended.SuspendedUntil);
        Assert.Equal(AccountStatus.PermanentlySuspended, permanent.Status);
        Assert.All([restricted, suspended, permanent], s => Assert.True(s.ReachLimited));
    }

    [Fact]
    public void OverlappingSuspensions_EndWithTheLatest()
    {
        var strike = Strike(Day(0));
        var high = ViolationAt(Day(1), ViolationTier.High);

        var standing = Standing(Day(2), strike, high);

        Assert.Equal(Day(8), standing.SuspendedUntil);
    }

    [Theory]
    [InlineData(MissedDeadlineSanction.CancelAdPlan, AccountStatus.Restricted, true, false, false)]
    [InlineData(MissedDeadlineSanction.BlockNewAccounts, AccountStatus.Restricted, false, true, false)]
    [InlineData(MissedDeadlineSanction.BlockAccountAndDeposit, AccountStatus.Suspended, false, false, true)]
    public void MissedDeadlineSanction_AddsItsFlags(
        MissedDeadlineSanction sanction, AccountStatus status, bool adPlanCancelled, bool newAccountsBlocked, bool depositBlocked)
    {
        var missed = new DeadlineSanction(Guid.CreateVersion7(), DeadlineKind.RemoveContent, sanction, Day(1));

        var standing = SanctionLadder.Evaluate(Account(), [], [missed], Defaults, Day(2));

        Assert.Equal(status, standing.Status);
        Assert.Equal(adPlanCancelled, standing.AdPlanCancelled);
        Assert.Equal(newAccountsBlocked, standing.NewAccountsBlocked);
        Assert.Equal(depositBlocked, standing.DepositBlocked);
        Assert.Null(standing.SuspendedUntil);
        Assert.Equal(missed.DeadlineId, Assert.Single(standing.InForce).DeadlineId);
    }

    [Fact]
    public void BlockedAccount_WithATemporarySuspension_HasNoEndDate()
    {
        var missed = new DeadlineSanction(Guid.CreateVersion7(), DeadlineKind.CorrectSimilarContent, MissedDeadlineSanction.BlockAccountAndDeposit, Day(1));

        var standing = SanctionLadder.Evaluate(Account(), [ViolationAt(Day(0), ViolationTier.High)], [missed], Defaults, Day(2));

        Assert.Equal(AccountStatus.Suspended, standing.Status);
        Assert.Null(standing.SuspendedUntil);
        Assert.False(standing.MayRunAds);
    }

    [Fact]
    public void LiftedDeadlineSanction_NoLongerApplies()
    {
        var missed = new DeadlineSanction(Guid.CreateVersion7(), DeadlineKind.CooperateWithComplainant, MissedDeadlineSanction.BlockNewAccounts, Day(1), LiftedAt: Day(3));

        var standing = SanctionLadder.Evaluate(Account(), [], [missed], Defaults, Day(3));

        Assert.Equal(AccountStatus.Active, standing.Status);
        Assert.False(standing.NewAccountsBlocked);
        Assert.Equal(Day(3), Assert.Single(standing.Sanctions).EndsAt);
    }

    [Theory]
    [InlineData(59, true)]
    [InlineData(60, false)]
    public void ShopQuality_BelowThreshold_LimitsReach(int score, bool limited)
    {
        var account = Account();
        account.SetShopQualityScore(score, Day(0));

        var standing = SanctionLadder.Evaluate(account, [], [], Defaults, Day(1));

        Assert.Equal(limited, standing.ReachLimited);
        Assert.Equal(limited ? AccountStatus.Restricted : AccountStatus.Active, standing.Status);
    }

    [Fact]
    public void Evaluate_WithAnotherAccountsViolation_IsRefused()
    {
        var foreign = Domain.Ace.Violation.Record(Guid.CreateVersion7(), OrganisationId, null, ProhibitedCategory.SlowAfterSales, ViolationTier.Critical, "Late.", Staff, Day(0));

        Assert.Throws<ArgumentException>(() => Standing(Day(1), foreign));
    }

    [Fact]
    public void Headline_SaysWhenTheSuspensionEnds()
    {
        var standing = Standing(Day(1), ViolationAt(Day(0), ViolationTier.High));

        Assert.Equal("This ad account is suspended until 2025-03-10 09:00 UTC.", standing.Headline?.ToString());
    }
}
