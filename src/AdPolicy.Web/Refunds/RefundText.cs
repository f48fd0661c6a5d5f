using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Refunds;

/// <summary>A refund case's words shown on more than one page, in the reader's language.</summary>
public static class RefundText
{
    /// <summary>
    /// Where a case stands, as a sentence says it ("awaiting the advertiser", "en revisión"). Kept in the shared resource
    /// under "Refund status: …": the bare words would clash with the status words ("In review") that differ only in case,
    /// and resource names are compared without case.
    /// </summary>
    public static string Status(RefundStatus status) => Words.Get("Refund status: " + RefundRequest.Describe(status));
}
