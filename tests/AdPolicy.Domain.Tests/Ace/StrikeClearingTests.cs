using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using Xunit;
using static AdPolicy.Domain.Tests.Ace.AceFixture;

namespace AdPolicy.Domain.Tests.Ace;

/// <summary>SPEC 3.3: strikes clear after 90 days without a new upheld violation.</summary>
public sealed class StrikeClearingTests
{
    [Theory]
    [InlineData(89, false)]
    [InlineData(90, true)]
    [InlineData(120, true)]
    public void Strike_ClearsAfterNinetyDaysOfGoodStanding(int day, bool due)
    {
        var strike = Strike(Day(0));

        var result = StrikeClearing.Evaluate([strike], Defaults, Day(day));

        var clearance = Assert.Single(result.Strikes);
        Assert.Equal(Day(90), clearance.ClearsAt);
        Assert.Equal(due, clearance.IsDue);
        Assert.Equal(due ? 0 : 1, result.CountIn(ProhibitedCategory.BrandImpersonation));
        Assert.Equal(due ? null : Day(90), result.NextClearingAt);
    }

    [Fact]
    public void NewViolationOnDay89_ResetsTheNinetyDays()
    {
        var strike = Strike(Day(0));
        var late = ViolationAt(Day(89), ViolationTier.Low);

        var atNinety = StrikeClearing.Evaluate([strike, late], Defaults, Day(90));
        var atReset = StrikeClearing.Evaluate([strike, late], Defaults, Day(179));

        Assert.Empty(atNinety.DueNow);
        Assert.Equal(Day(179), atNinety.NextClearingAt);
        Assert.Equal(strike.Id, Assert.Single(atReset.DueNow).ViolationId);
    }

    [Fact]
    public void RemovedViolation_DoesNotResetTheNinetyDays()
    {
        var strike = Strike(Day(0));
        var late = ViolationAt(Day(89), ViolationTier.Low);
        late.Remove(Fact.Of(FactKind.AppealApproved), Day(89).AddHours(5));

        var result = StrikeClearing.Evaluate([strike, late], Defaults, Day(90));

        Assert.Single(result.DueNow);
    }

    [Fact]
    public void ClearedStrike_LeavesTheRecord_AndClearsOnce()
    {
        var strike = Strike(Day(0));

        strike.ClearStrike(Day(90));

        Assert.Empty(StrikeClearing.Evaluate([strike], Defaults, Day(91)).Strikes);
        Assert.Equal(ViolationStatus.Active, strike.Status);
        var ex = Assert.Throws<DomainRuleException>(() => strike.ClearStrike(Day(91)));
        Assert.Equal("strike-already-cleared", ex.Rule);
    }

    [Theory]
    [InlineData(89, 2, 28)]
    [InlineData(90, 1, 3)]
    [InlineData(100, 1, 3)]
    public void NextStrike_CountsAsSecondOnlyBeforeTheFirstCleared(int day, int number, int suspendedDays)
    {
        var first = Strike(Day(0));
        var next = Strike(Day(day));

        var standing = Standing(Day(day).AddHours(1), first, next);

        Assert.Equal(number, Assert.Single(standing.Violations, o => o.ViolationId == next.Id).StrikeNumber);
        Assert.Equal(Day(day + suspendedDays), standing.SuspendedUntil);
    }

    [Fact]
    public void PermanentSuspension_FromAThirdStrike_StaysAfterTheStrikesClear()
    {
        var record = new[] { Strike(Day(0)), Strike(Day(10)), Strike(Day(20)) };
        foreach (var strike in record)
        {
            strike.ClearStrike(Day(110));
        }

        var standing = Standing(Day(200), record);

        Assert.Equal(AccountStatus.PermanentlySuspended, standing.Status);
        Assert.True(standing.RemovedFromPlatform);
    }

    [Fact]
    public void ClearStrike_OnANonStrike_IsRefused()
    {
        var violation = ViolationAt(Day(0), ViolationTier.Low);

        var ex = Assert.Throws<DomainRuleException>(() => violation.ClearStrike(Day(90)));

        Assert.Equal("violation-not-strike", ex.Rule);
    }
}
