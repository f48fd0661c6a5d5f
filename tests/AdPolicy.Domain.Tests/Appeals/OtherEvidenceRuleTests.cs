using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using Xunit;

namespace AdPolicy.Domain.Tests.Appeals;

public class VideoRuleTests
{
    [Fact]
    public void NineAndAHalfSeconds_Fails()
    {
        var result = EvidenceRules.CheckVideo(new VideoFacts(TimeSpan.FromSeconds(9.5)), PolicySettings.Defaults);

        Assert.False(result.Passed);
        Assert.Equal(Fact.Of(FactKind.VideoTooShort, EventValues.Of(EventValue.Seconds, "9.5").With(EventValue.Minimum, 10)), Assert.Single(result.Findings));
        Assert.Equal(Fact.Of(FactKind.VideoLasts, EventValues.Of(EventValue.Seconds, "9.5")), Assert.Single(result.Summary));
    }

    [Fact]
    public void JustUnderTheMinimum_IsNotRoundedUp()
    {
        var result = EvidenceRules.CheckVideo(new VideoFacts(TimeSpan.FromSeconds(9.999)), PolicySettings.Defaults);

        Assert.False(result.Passed);
        Assert.Equal("9.99", result.Findings[0][EventValue.Seconds]);
    }

    [Fact]
    public void TenSeconds_Passes()
    {
        Assert.True(EvidenceRules.CheckVideo(new VideoFacts(TimeSpan.FromSeconds(10)), PolicySettings.Defaults).Passed);
    }

    [Fact]
    public void Minimum_ComesFromThePolicy()
    {
        var policy = PolicySettings.Defaults with { EvidenceMinimumVideoSeconds = 5 };

        Assert.True(EvidenceRules.CheckVideo(new VideoFacts(TimeSpan.FromSeconds(9.5)), policy).Passed);
    }
}

public class CertificateRuleTests
{
    private static readonly DateOnly Suspension = new(2026, 3, 1);

    [Fact]
    public void ValidFromTheDayAfterTheSuspension_Fails()
    {
        var facts = new CertificateFacts("National Safety Agency", "QC-2026-0042", Suspension.AddDays(1), null);

        var result = EvidenceRules.CheckCertificate(facts, Suspension);

        Assert.False(result.Passed);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((FactKind.CertificateNotYetValid, "2026-03-02", "2026-03-01"), (finding.Kind, finding[EventValue.ValidFrom], finding[EventValue.Suspension]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-400)]
    public void ValidOnOrBeforeTheSuspension_Passes(int daysFromSuspension)
    {
        var facts = new CertificateFacts("National Safety Agency", "QC-2026-0042", Suspension.AddDays(daysFromSuspension), Suspension.AddDays(365));

        Assert.True(EvidenceRules.CheckCertificate(facts, Suspension).Passed);
    }

    [Fact]
    public void ExpiredBeforeTheSuspension_Fails()
    {
        var facts = new CertificateFacts("National Safety Agency", "QC-1", Suspension.AddDays(-400), Suspension.AddDays(-1));

        var result = EvidenceRules.CheckCertificate(facts, Suspension);

        var finding = Assert.Single(result.Findings);
        Assert.Equal((FactKind.CertificateExpired, "2026-02-28", "2026-03-01"), (finding.Kind, finding[EventValue.ValidTo], finding[EventValue.Suspension]));
    }

    [Fact]
    public void MissingAuthorityAndNumber_AreEachNamed()
    {
        var result = EvidenceRules.CheckCertificate(new CertificateFacts(" ", null, Suspension.AddDays(-10), null), Suspension);

        Assert.Equal([Fact.Of(FactKind.CertificateNoAuthority), Fact.Of(FactKind.CertificateNoNumber)], result.Findings);
        Assert.Null(Assert.Single(result.Summary)[EventValue.Authority]);
    }
}

public class BusinessLegitimacyRuleTests
{
    private static readonly DateOnly RequestDate = new(2026, 3, 1);

    private static readonly OrderListFacts TenTracked =
        new(10, 10, 10, RequestDate.AddDays(-5), RequestDate.AddDays(-1), RequestDate.AddDays(-5), RequestDate.AddDays(-1), [], 0);

    [Fact]
    public void ListAndDescribedDocument_Passes()
    {
        var result = EvidenceRules.CheckBusinessLegitimacy(TenTracked, new BusinessDocumentFacts(true, "Trade licence 123"), RequestDate, PolicySettings.Defaults);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void DocumentWithoutDescription_Fails()
    {
        var result = EvidenceRules.CheckBusinessLegitimacy(TenTracked, new BusinessDocumentFacts(true, "  "), RequestDate, PolicySettings.Defaults);

        Assert.Equal(Fact.Of(FactKind.BusinessDocumentUndescribed), Assert.Single(result.Findings));
    }

    [Fact]
    public void MissingList_AndMissingDocument_AreBothNamed()
    {
        var result = EvidenceRules.CheckBusinessLegitimacy(null, null, RequestDate, PolicySettings.Defaults);

        Assert.False(result.Passed);
        Assert.Equal([FactKind.LogisticsListMissing, FactKind.BusinessDocumentMissing, FactKind.BusinessDocumentUndescribed], result.Findings.Select(f => f.Kind));
        Assert.Equal([FactKind.NoLogisticsList, FactKind.NoBusinessDocument], result.Summary.Select(f => f.Kind));
    }

    [Fact]
    public void UntrackedCases_DoNotCount()
    {
        var untracked = TenTracked with { DistinctOrdersWithTracking = 0, FirstTrackedOrderDate = null, LastTrackedOrderDate = null };

        var result = EvidenceRules.CheckBusinessLegitimacy(untracked, new BusinessDocumentFacts(true, "Licence"), RequestDate, PolicySettings.Defaults);

        Assert.False(result.Passed);
        Assert.Equal((FactKind.TooFewOrders, "0", "case", "true"), (result.Findings[0].Kind, result.Findings[0][EventValue.Orders], result.Findings[0][EventValue.Noun], result.Findings[0][EventValue.Tracked]));
    }
}
