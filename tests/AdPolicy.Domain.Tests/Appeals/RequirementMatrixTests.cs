using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Policy;
using Xunit;

namespace AdPolicy.Domain.Tests.Appeals;

public class RequirementMatrixTests
{
    public static TheoryData<IssueType, bool, EvidenceKind[]> Rows => new()
    {
        { IssueType.Fulfilment, false, [EvidenceKind.ShippingProof, EvidenceKind.ProductVideo, EvidenceKind.MatchVideo] },
        { IssueType.Fulfilment, true, [EvidenceKind.ShippingProof, EvidenceKind.ProductVideo, EvidenceKind.MatchVideo] },
        { IssueType.BusinessModel, false, [EvidenceKind.OrdersPlaced, EvidenceKind.OrdersDelivered] },
        { IssueType.BusinessModel, true, [EvidenceKind.OrdersPlaced, EvidenceKind.OrdersDelivered, EvidenceKind.RefundOrReturnProof] },
        { IssueType.PhysicalHarm, false, [EvidenceKind.QualityCertificate, EvidenceKind.SectorAccessCertificate] },
        { IssueType.PhysicalHarm, true, [EvidenceKind.QualityCertificate, EvidenceKind.SectorAccessCertificate] },
        { IssueType.DataSecurity, false, [EvidenceKind.BusinessLegitimacyProof] },
        { IssueType.DataSecurity, true, [EvidenceKind.BusinessLegitimacyProof] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void For_IssueType_RequiresExactlyTheTableRows(IssueType issueType, bool refusedRefund, EvidenceKind[] expected)
    {
        var requirements = RequirementMatrix.For(issueType, refusedRefund, PolicySettings.Defaults);

        Assert.Equal(expected, requirements.Select(r => r.Kind));
        Assert.All(requirements, r => Assert.Equal(issueType, r.IssueType));
    }

    [Fact]
    public void RefundOrReturnProof_IsRequiredOnlyWhenThePenaltyCameFromARefusedRefund()
    {
        Assert.DoesNotContain(EvidenceKind.RefundOrReturnProof, RequirementMatrix.RequiredKinds(IssueType.BusinessModel, false));
        Assert.Contains(EvidenceKind.RefundOrReturnProof, RequirementMatrix.RequiredKinds(IssueType.BusinessModel, true));
    }

    [Theory]
    [InlineData(EvidenceKind.ShippingProof, EvidenceFormat.OrderList, true)]
    [InlineData(EvidenceKind.ProductVideo, EvidenceFormat.Video, false)]
    [InlineData(EvidenceKind.MatchVideo, EvidenceFormat.Video, false)]
    [InlineData(EvidenceKind.OrdersPlaced, EvidenceFormat.OrderList, false)]
    [InlineData(EvidenceKind.OrdersDelivered, EvidenceFormat.OrderList, true)]
    [InlineData(EvidenceKind.RefundOrReturnProof, EvidenceFormat.OrderList, false)]
    [InlineData(EvidenceKind.QualityCertificate, EvidenceFormat.Certificate, false)]
    [InlineData(EvidenceKind.SectorAccessCertificate, EvidenceFormat.Certificate, false)]
    [InlineData(EvidenceKind.BusinessLegitimacyProof, EvidenceFormat.LogisticsAndBusinessDocument, true)]
    public void Requirement_ChecksWhatTheTableSays(EvidenceKind kind, EvidenceFormat format, bool requiresTracking)
    {
        var requirement = RequirementMatrix.Requirement(kind, PolicySettings.Defaults);

        Assert.Equal(format, requirement.Format);
        Assert.Equal(requiresTracking, requirement.RequiresTracking);
        Assert.False(string.IsNullOrWhiteSpace(requirement.MustShow));
        Assert.False(string.IsNullOrWhiteSpace(requirement.RuleToCheck));
    }

    [Fact]
    public void RuleTexts_QuoteThePolicyInForce()
    {
        var policy = PolicySettings.Defaults with { EvidenceMinimumOrders = 25, EvidenceCoverageDays = 45, EvidenceMinimumVideoSeconds = 15 };

        Assert.Equal("Covers the last 45 days, or 25 or more orders with a tracking number.", RequirementMatrix.Requirement(EvidenceKind.ShippingProof, policy).RuleToCheck);
        Assert.Equal("An unboxing video of 15 seconds or more.", RequirementMatrix.Requirement(EvidenceKind.MatchVideo, policy).RuleToCheck);
        Assert.Equal("Covers the last 45 days, or 25 or more cases.", RequirementMatrix.Requirement(EvidenceKind.RefundOrReturnProof, policy).RuleToCheck);
    }

    [Fact]
    public void All_HasOneRowPerEvidenceKind()
    {
        var all = RequirementMatrix.All(PolicySettings.Defaults);

        Assert.Equal(Enum.GetValues<EvidenceKind>(), all.Select(r => r.Kind));
        Assert.Equal(9, all.Count);
    }
}
