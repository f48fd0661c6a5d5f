using AdPolicy.Domain.Policy;

namespace AdPolicy.Domain.Appeals;

/// <summary>One row of SPEC 4's table: an evidence item an issue type requires.</summary>
/// <param name="IssueType">The issue type the row belongs to.</param>
/// <param name="Kind">The checklist item.</param>
/// <param name="Title">Its name, as shown on the checklist.</param>
/// <param name="MustShow">What the evidence must show.</param>
/// <param name="RuleToCheck">The automatic check, with the thresholds of the policy in force.</param>
/// <param name="Format">What is uploaded, and so which check applies.</param>
/// <param name="RequiresTracking">For order lists: only orders with a tracking number count.</param>
public sealed record EvidenceRequirement(
    IssueType IssueType,
    EvidenceKind Kind,
    string Title,
    string MustShow,
    string RuleToCheck,
    EvidenceFormat Format,
    bool RequiresTracking);

/// <summary>
/// The evidence each issue type requires (SPEC 4). Refund or return proof is required only when the penalty
/// came from a refused refund or return. Thresholds in the texts come from <see cref="PolicySettings"/>.
/// </summary>
public static class RequirementMatrix
{
    private static readonly EvidenceKind[] Fulfilment = [EvidenceKind.ShippingProof, EvidenceKind.ProductVideo, EvidenceKind.MatchVideo];
    private static readonly EvidenceKind[] BusinessModel = [EvidenceKind.OrdersPlaced, EvidenceKind.OrdersDelivered];
    private static readonly EvidenceKind[] BusinessModelAfterRefusedRefund = [.. BusinessModel, EvidenceKind.RefundOrReturnProof];
    private static readonly EvidenceKind[] PhysicalHarm = [EvidenceKind.QualityCertificate, EvidenceKind.SectorAccessCertificate];
    private static readonly EvidenceKind[] DataSecurity = [EvidenceKind.BusinessLegitimacyProof];

    /// <summary>The checklist items, in the order the table lists them.</summary>
    public static IReadOnlyList<EvidenceKind> RequiredKinds(IssueType issueType, bool penaltyFromRefusedRefund) => issueType switch
    {
        IssueType.Fulfilment => Fulfilment,
        IssueType.BusinessModel => penaltyFromRefusedRefund ? BusinessModelAfterRefusedRefund : BusinessModel,
        IssueType.PhysicalHarm => PhysicalHarm,
        IssueType.DataSecurity => DataSecurity,
        _ => throw new ArgumentOutOfRangeException(nameof(issueType), issueType, "Unknown issue type."),
    };

    public static IReadOnlyList<EvidenceRequirement> For(IssueType issueType, bool penaltyFromRefusedRefund, PolicySettings policy) =>
        [.. RequiredKinds(issueType, penaltyFromRefusedRefund).Select(kind => Requirement(kind, policy))];

    /// <summary>Every row of the table, refund or return proof included.</summary>
    public static IReadOnlyList<EvidenceRequirement> All(PolicySettings policy) =>
        [.. Enum.GetValues<EvidenceKind>().Select(kind => Requirement(kind, policy))];

    /// <summary>The item's name, as shown on the checklist.</summary>
    public static string Title(EvidenceKind kind) => kind switch
    {
        EvidenceKind.ShippingProof => "Shipping proof",
        EvidenceKind.ProductVideo => "Product video",
        EvidenceKind.MatchVideo => "Unboxing video",
        EvidenceKind.OrdersPlaced => "What users ordered",
        EvidenceKind.OrdersDelivered => "What you delivered",
        EvidenceKind.RefundOrReturnProof => "Refund or return proof",
        EvidenceKind.QualityCertificate => "Quality certificate",
        EvidenceKind.SectorAccessCertificate => "Sector-access certificate",
        EvidenceKind.BusinessLegitimacyProof => "Shipping and business proof",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown evidence kind."),
    };

    /// <summary>
    /// The item's automatic check in words, as a template: {0} the days an order list covers, {1} the orders it shows,
    /// {2} the shortest video in seconds (the policy's numbers, filled in by <see cref="Requirement"/>; pages in another
    /// language translate the template).
    /// </summary>
    public static string RuleTemplate(EvidenceKind kind) => kind switch
    {
        EvidenceKind.ShippingProof => "Covers the last {0} days, or {1} or more orders with a tracking number.",
        EvidenceKind.ProductVideo => "A video of {2} seconds or more.",
        EvidenceKind.MatchVideo => "An unboxing video of {2} seconds or more.",
        EvidenceKind.OrdersPlaced => "Covers the last {0} days, or {1} or more orders.",
        EvidenceKind.OrdersDelivered => "Covers the last {0} days, or {1} or more orders with a tracking number.",
        EvidenceKind.RefundOrReturnProof => "Covers the last {0} days, or {1} or more cases.",
        EvidenceKind.QualityCertificate or EvidenceKind.SectorAccessCertificate => "Valid on the date of the suspension (issued before it, not expired).",
        EvidenceKind.BusinessLegitimacyProof => "A logistics list covering the last {0} days, or {1} or more cases with a tracking number; and a described document proving the business model or permission.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown evidence kind."),
    };

    /// <summary>The policy's numbers a <see cref="RuleTemplate"/> is filled with: days covered, orders, video seconds.</summary>
    public static object[] RuleValues(PolicySettings policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [policy.EvidenceCoverageDays, policy.EvidenceMinimumOrders, policy.EvidenceMinimumVideoSeconds];
    }

    /// <summary>What the evidence must show.</summary>
    public static string MustShow(EvidenceKind kind) => kind switch
    {
        EvidenceKind.ShippingProof => "A shipping list or the orders' tracking numbers.",
        EvidenceKind.ProductVideo => "A video showing your stock or inventory.",
        EvidenceKind.MatchVideo => "A delivery that matches what the ad promised.",
        EvidenceKind.OrdersPlaced => "The product name, quantity or price of each order.",
        EvidenceKind.OrdersDelivered => "The delivery details (product, quantity or price) and the logistics tracking.",
        EvidenceKind.RefundOrReturnProof => "The refunds or returns you made (required because the penalty came from a refused refund or return).",
        EvidenceKind.QualityCertificate => "A quality certificate issued by a competent authority.",
        EvidenceKind.SectorAccessCertificate => "A sector-access certificate issued by a competent authority.",
        EvidenceKind.BusinessLegitimacyProof => "Logistics tracking, and proof of a legitimate business model or permission.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown evidence kind."),
    };

    public static EvidenceRequirement Requirement(EvidenceKind kind, PolicySettings policy)
    {
        var rule = string.Format(System.Globalization.CultureInfo.InvariantCulture, RuleTemplate(kind), RuleValues(policy));
        return kind switch
        {
            EvidenceKind.ShippingProof => new(IssueType.Fulfilment, kind, Title(kind), MustShow(kind), rule, EvidenceFormat.OrderList, RequiresTracking: true),
            EvidenceKind.ProductVideo => new(IssueType.Fulfilment, kind, Title(kind), MustShow(kind), rule, EvidenceFormat.Video, RequiresTracking: false),
            EvidenceKind.MatchVideo => new(IssueType.Fulfilment, kind, Title(kind), MustShow(kind), rule, EvidenceFormat.Video, RequiresTracking: false),
            EvidenceKind.OrdersPlaced => new(IssueType.BusinessModel, kind, Title(kind), MustShow(kind), rule, EvidenceFormat.OrderList, RequiresTracking: false),
            EvidenceKind.OrdersDelivered => new(IssueType.BusinessModel, kind, Title(kind), MustShow(kind), rule, EvidenceFormat.OrderList, RequiresTracking: true),
            EvidenceKind.RefundOrReturnProof => new(IssueType.BusinessModel, kind, Title(kind), MustShow(kind), rule, EvidenceFormat.OrderList, RequiresTracking: false),
            EvidenceKind.QualityCertificate => new(IssueType.PhysicalHarm, kind, Title(kind), MustShow(kind), rule, EvidenceFormat.Certificate, RequiresTracking: false),
            EvidenceKind.SectorAccessCertificate => new(IssueType.PhysicalHarm, kind, Title(kind), MustShow(kind), rule, EvidenceFormat.Certificate, RequiresTracking: false),
            EvidenceKind.BusinessLegitimacyProof => new(IssueType.DataSecurity, kind, Title(kind), MustShow(kind), rule, EvidenceFormat.LogisticsAndBusinessDocument, RequiresTracking: true),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown evidence kind."),
        };
    }
}
