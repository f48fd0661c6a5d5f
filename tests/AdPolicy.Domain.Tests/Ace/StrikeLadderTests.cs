using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using Xunit;
using static AdPolicy.Domain.Tests.Ace.AceFixture;

namespace AdPolicy.Domain.Tests.Ace;

/// <summary>SPEC 3.3: strikes per category, 1st 3 days, 2nd 4 weeks, 3rd permanent and removal.</summary>
public sealed class StrikeLadderTests
{
    public static TheoryData<int, AccountStatus, int?, bool> Ladder => new()
    {
        // strikes in one category (10 days apart), status the day after the last, suspended until (days after the last), removed
        { 1, AccountStatus.Suspended, 3, false },
        { 2, AccountStatus.Suspended, 28, false },
        { 3, AccountStatus.PermanentlySuspended, null, true },
        { 4, AccountStatus.PermanentlySuspended, null, true },
    };

    [Theory]
    [MemberData(nameof(Ladder))]
    public void NthStrike_InOneCategory_ClimbsTheLadder(int strikes, AccountStatus status, int? suspendedDays, bool removed)
    {
        var record = Enumerable.Range(0, strikes).Select(i => Strike(Day(i * 10))).ToArray();
        var last = Day((strikes - 1) * 10);

        var standing = Standing(last.AddDays(1), record);

        Assert.Equal(status, standing.Status);
        Assert.Equal(suspendedDays is { } d ? last.AddDays(d) : null, standing.SuspendedUntil);
        Assert.Equal(removed, standing.RemovedFromPlatform);
        Assert.Equal(strikes, standing.Violations[^1].StrikeNumber);
    }

    [Fact]
    public void Strikes_InDifferentCategories_DoNotAddUp()
    {
        var brand = Strike(Day(0), ProhibitedCategory.BrandImpersonation);
        var ip = Strike(Day(10), ProhibitedCategory.IntellectualPropertyInfringement);
        var counterfeit = Strike(Day(20), ProhibitedCategory.UnsafeOrCounterfeitGoods);

        var standing = Standing(Day(21), brand, ip, counterfeit);

        Assert.Equal(AccountStatus.Suspended, standing.Status);
        Assert.Equal(Day(23), standing.SuspendedUntil);
        Assert.All(standing.Violations, o => Assert.Equal(1, o.StrikeNumber));
        Assert.DoesNotContain(standing.Sanctions, s => s.Kind == SanctionKind.PermanentSuspension);
    }

    [Fact]
    public void SecondStrike_WhoseFirstIsWithdrawn_BecomesAFirst()
    {
        var firstComplaint = IpComplaint(Day(0));
        var first = firstComplaint.Uphold(ViolationTier.Medium, "Logo misuse.", Staff, 1, Day(0));
        var second = Strike(Day(10));
        firstComplaint.Withdraw(firstComplaint.Complainant, Day(11));
        first.Remove(Fact.Of(FactKind.ComplaintWithdrawn), Day(11));

        var standing = Standing(Day(11), first, second);

        Assert.Equal(AccountStatus.Suspended, standing.Status);
        Assert.Equal(Day(13), standing.SuspendedUntil);
        Assert.Equal(1, Assert.Single(standing.Violations, o => o.ViolationId == second.Id).StrikeNumber);
    }

    [Fact]
    public void ThirdStrike_WhoseFirstReviewIsApproved_BecomesASecond()
    {
        var first = Strike(Day(0));
        var second = Strike(Day(10));
        var third = Strike(Day(20));
        first.Remove(Fact.Of(FactKind.AppealApproved), Day(21));

        var standing = Standing(Day(21), first, second, third);

        Assert.Equal(AccountStatus.Suspended, standing.Status);
        Assert.Equal(Day(48), standing.SuspendedUntil);
        Assert.False(standing.RemovedFromPlatform);
    }

    [Fact]
    public void StrikeLadder_FollowsThePolicySettings()
    {
        var policy = Defaults with { FirstStrikeSuspensionDays = 5, SecondStrikeSuspensionDays = 14, StrikesForPermanentSuspension = 4 };
        var record = new[] { Strike(Day(0)), Strike(Day(10)), Strike(Day(20)) };

        var standing = SanctionLadder.Evaluate(Account(), record, [], policy, Day(21));

        Assert.Equal(AccountStatus.Suspended, standing.Status);
        Assert.Equal(Day(34), standing.SuspendedUntil);
    }

    [Fact]
    public void HighTierStrike_TakesTheLongerOfBothSuspensions()
    {
        var strike = Strike(Day(0), tier: ViolationTier.High);

        var standing = Standing(Day(1), strike);

        Assert.Equal(Day(7), standing.SuspendedUntil);
        Assert.Equal(2, standing.InForce.Count);
    }
}
