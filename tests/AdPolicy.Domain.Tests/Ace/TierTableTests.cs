using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Promotions;
using Xunit;
using static AdPolicy.Domain.Tests.Ace.AceFixture;

namespace AdPolicy.Domain.Tests.Ace;

/// <summary>SPEC 3.2: every row of the tier table, for a first violation on a clean account.</summary>
public sealed class TierTableTests
{
    [Theory]
    [InlineData(ViolationTier.Low, AdStatus.Restricted, AccountStatus.Active, null)]
    [InlineData(ViolationTier.Medium, AdStatus.Restricted, AccountStatus.Active, null)]
    [InlineData(ViolationTier.High, AdStatus.Removed, AccountStatus.Suspended, 7)]
    [InlineData(ViolationTier.Critical, AdStatus.Removed, AccountStatus.PermanentlySuspended, null)]
    public void FirstViolation_OfEachTier_HasTheTableEffect(ViolationTier tier, AdStatus ad, AccountStatus account, int? suspendedDays)
    {
        var violation = ViolationAt(T0, tier);

        var standing = Standing(T0.AddHours(1), violation);

        Assert.Equal(ad, violation.AdEffect);
        Assert.Equal(account, standing.Status);
        Assert.Equal(suspendedDays is { } d ? T0.AddDays(d) : null, standing.SuspendedUntil);
        Assert.Equal(account is AccountStatus.Active, standing.MayRunAds);
    }

    [Theory]
    [InlineData(ViolationTier.Low, Region.Emea, NoticeKind.RealTimeSummary, false, true)]
    [InlineData(ViolationTier.Medium, Region.Emea, NoticeKind.RealTimeSummary, false, true)]
    [InlineData(ViolationTier.Low, Region.NorthAmerica, NoticeKind.RealTimeSummaryComing, false, false)]
    [InlineData(ViolationTier.Medium, Region.AsiaPacific, NoticeKind.RealTimeSummaryComing, false, false)]
    [InlineData(ViolationTier.High, Region.Emea, NoticeKind.SuspensionWarning, true, true)]
    [InlineData(ViolationTier.High, Region.LatinAmerica, NoticeKind.SuspensionWarning, true, true)]
    [InlineData(ViolationTier.Critical, Region.Emea, NoticeKind.SuspensionNotice, true, true)]
    [InlineData(ViolationTier.Critical, Region.NorthAmerica, NoticeKind.SuspensionNotice, true, true)]
    public void NoticeFor_EachTierAndRegion_IsTheTableNotice(ViolationTier tier, Region region, NoticeKind kind, bool byEmail, bool inApp)
    {
        var notice = TierConsequences.NoticeFor(tier, region);

        Assert.Equal(kind, notice.Kind);
        Assert.Equal(byEmail, notice.ByEmail);
        Assert.Equal(inApp, notice.InApp);
    }

    [Fact]
    public void Describe_High_NamesTheSuspensionLengthFromPolicy()
    {
        var policy = Defaults with { FirstHighViolationSuspensionDays = 10 };

        var row = TierConsequences.Describe(ViolationTier.High, Region.Emea, policy);

        Assert.Equal(AdStatus.Removed, row.AdStatus);
        Assert.Contains("10 days", row.ForTheAccount, StringComparison.Ordinal);
    }

    [Fact]
    public void Strike_OfLowTier_StillRemovesTheAd()
    {
        var strike = Strike(T0, tier: ViolationTier.Low);

        Assert.Equal(AdStatus.Removed, strike.AdEffect);
    }

    [Fact]
    public void Outcome_OfALowViolation_SaysNoAccountAction()
    {
        var standing = Standing(T0.AddHours(1), ViolationAt(T0, ViolationTier.Low));

        var outcome = Assert.Single(standing.Violations);
        Assert.Contains("No action is taken on the ad account", outcome.Summary?.ToString(), StringComparison.Ordinal);
        Assert.Empty(standing.Sanctions);
    }
}
