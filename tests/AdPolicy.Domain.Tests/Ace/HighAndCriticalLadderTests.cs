using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using Xunit;
using static AdPolicy.Domain.Tests.Ace.AceFixture;

namespace AdPolicy.Domain.Tests.Ace;

public sealed class HighAndCriticalLadderTests
{
    [Fact]
    public void FirstHigh_SuspendsForThePolicyDaysFromItsRecording()
    {
        var policy = Defaults with { FirstHighViolationSuspensionDays = 10 };
        var high = ViolationAt(Day(0), ViolationTier.High);

        var standing = SanctionLadder.Evaluate(Account(), [high], [], policy, Day(1));

        Assert.Equal(AccountStatus.Suspended, standing.Status);
        Assert.Equal(Day(10), standing.SuspendedUntil);
        var sanction = Assert.Single(standing.InForce);
        Assert.Equal(SanctionKind.TemporarySuspension, sanction.Kind);
        Assert.Equal(high.Id, sanction.ViolationId);
        Assert.Contains("first high-risk violation", sanction.Why?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatHigh_SuspendsPermanently_EvenAfterTheFirstSuspensionEnded()
    {
        var first = ViolationAt(Day(0), ViolationTier.High);
        var repeat = ViolationAt(Day(30), ViolationTier.High);

        var standing = Standing(Day(31), first, repeat);

        Assert.Equal(AccountStatus.PermanentlySuspended, standing.Status);
        Assert.Null(standing.SuspendedUntil);
        Assert.True(standing.AdFeaturesRevoked);
        Assert.False(standing.MayRunAds);
        var permanent = Assert.Single(standing.InForce);
        Assert.Equal(repeat.Id, permanent.ViolationId);
        Assert.Null(permanent.EndsAt);
    }

    [Fact]
    public void Critical_SuspendsPermanentlyAtOnce()
    {
        var critical = ViolationAt(Day(0), ViolationTier.Critical);

        var standing = Standing(Day(0), critical);

        Assert.Equal(AccountStatus.PermanentlySuspended, standing.Status);
        Assert.Equal(SanctionKind.PermanentSuspension, Assert.Single(standing.Sanctions).Kind);
        Assert.False(standing.RemovedFromPlatform);
    }

    [Fact]
    public void RemovingTheFirstHigh_MakesTheRepeatAFirst_WithATemporarySuspension()
    {
        var first = ViolationAt(Day(0), ViolationTier.High);
        var repeat = ViolationAt(Day(30), ViolationTier.High);
        first.Remove(Fact.Of(FactKind.AppealApproved), Day(31));

        var standing = Standing(Day(32), first, repeat);

        Assert.Equal(AccountStatus.Suspended, standing.Status);
        Assert.Equal(Day(37), standing.SuspendedUntil);
        Assert.DoesNotContain(standing.Sanctions, s => s.ViolationId == first.Id);
        Assert.False(Assert.Single(standing.Violations, o => o.ViolationId == first.Id).IsActive);
    }

    [Fact]
    public void RemovingTheCritical_LiftsThePermanentSuspension()
    {
        var critical = ViolationAt(Day(0), ViolationTier.Critical);
        critical.Remove(Fact.Of(FactKind.ComplaintWithdrawn), Day(2));

        var standing = Standing(Day(2), critical);

        Assert.Equal(AccountStatus.Active, standing.Status);
        Assert.True(standing.MayRunAds);
    }

    [Fact]
    public void LowAndMedium_DoNotCountAsAFirstHigh()
    {
        var standing = Standing(Day(11), ViolationAt(Day(0), ViolationTier.Medium), ViolationAt(Day(5), ViolationTier.Low), ViolationAt(Day(10), ViolationTier.High));

        Assert.Equal(AccountStatus.Suspended, standing.Status);
        Assert.Equal(Day(17), standing.SuspendedUntil);
    }
}
