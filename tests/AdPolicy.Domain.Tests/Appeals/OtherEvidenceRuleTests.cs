using AdPolicy.Domain.Appeals;
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
        Assert.Equal("The video lasts 9.5 seconds; it must last at least 10 seconds.", Assert.Single(result.Findings));
    }

    [Fact]
    public void JustUnderTheMinimum_IsNotRoundedUp()
    {
        var result = EvidenceRules.CheckVideo(new VideoFacts(TimeSpan.FromSeconds(9.999)), PolicySettings.Defaults);

        Assert.False(result.Passed);
        Assert.Contains("9.99 seconds", result.Findings[0], StringComparison.Ordinal);
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
        Assert.Equal(
            "The certificate is valid from 2026-03-02, after the suspension on 2026-03-01; it must have been valid on the date of the suspension.",
            Assert.Single(result.Findings));
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

        Assert.Equal("The certificate expired on 2026-02-28, before the suspension on 2026-03-01.", Assert.Single(result.Findings));
    }

    [Fact]
    public void MissingAuthorityAndNumber_AreEachNamed()
    {
        var result = EvidenceRules.CheckCertificate(new CertificateFacts(" ", null, Suspension.AddDays(-10), null), Suspension);

        Assert.Equal(["Name the authority that issued the certificate.", "Give the certificate's number."], result.Findings);
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

        Assert.Equal("Describe what the business document proves.", Assert.Single(result.Findings));
    }

    [Fact]
    public void MissingList_AndMissingDocument_AreBothNamed()
    {
        var result = EvidenceRules.CheckBusinessLegitimacy(null, null, RequestDate, PolicySettings.Defaults);

        Assert.False(result.Passed);
        Assert.Equal(3, result.Findings.Count);
        Assert.StartsWith("Attach a logistics list", result.Findings[0], StringComparison.Ordinal);
        Assert.StartsWith("Attach a document proving", result.Findings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void UntrackedCases_DoNotCount()
    {
        var untracked = TenTracked with { DistinctOrdersWithTracking = 0, FirstTrackedOrderDate = null, LastTrackedOrderDate = null };

        var result = EvidenceRules.CheckBusinessLegitimacy(untracked, new BusinessDocumentFacts(true, "Licence"), RequestDate, PolicySettings.Defaults);

        Assert.False(result.Passed);
        Assert.StartsWith("0 distinct cases with a tracking number;", result.Findings[0], StringComparison.Ordinal);
    }
}
