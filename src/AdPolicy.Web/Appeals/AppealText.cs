using AdPolicy.Domain.Appeals;

namespace AdPolicy.Web.Appeals;

/// <summary>The words pages use for appeals.</summary>
public static class AppealText
{
    public static string IssueType(IssueType type) => type switch
    {
        Domain.Appeals.IssueType.Fulfilment => "Fulfilment (shipping and delivery)",
        Domain.Appeals.IssueType.BusinessModel => "Business model (what was ordered and delivered)",
        Domain.Appeals.IssueType.PhysicalHarm => "Physical harm (product safety and certification)",
        Domain.Appeals.IssueType.DataSecurity => "Data security (legitimate business or permission)",
        _ => type.ToString(),
    };

    /// <summary>The item's state for a badge: no file, passes, or does not pass.</summary>
    public static (string Label, string Css) CheckBadge(ReviewEvidenceItem item) => item.CheckPassed switch
    {
        true => ("passes", "text-bg-success"),
        false => ("does not pass", "text-bg-danger"),
        null => ("no file yet", "text-bg-secondary"),
    };

    public static string Verdict(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Accepted => "accepted",
        ReviewVerdict.Rejected => "rejected",
        _ => "not reviewed",
    };
}
