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

    /// <summary>
    /// Who has the next move on an open appeal, in the reader's terms: the advertiser reads "Waiting for you: …", staff
    /// read who they wait for. Null once the appeal is closed.
    /// </summary>
    public static string? NextMove(ReviewRequest r, bool forAdvertiser)
    {
        var toReplace = r.ItemsToReplace.Count(i => i.Verdict == ReviewVerdict.Rejected);
        return (r.Status, forAdvertiser) switch
        {
            (ReviewStatus.Draft, true) => "Waiting for you: attach the evidence and submit the request.",
            (ReviewStatus.Draft, false) => "Waiting for the advertiser to submit the request.",
            (ReviewStatus.Submitted, true) => "Waiting for a reviewer to take up your request.",
            (ReviewStatus.Submitted, false) => "Waiting for a reviewer to claim the request.",
            (ReviewStatus.InReview, true) => "Waiting for the reviewer.",
            (ReviewStatus.InReview, false) => $"Waiting for the reviewer ({r.AssigneeName ?? "nobody yet"}).",
            (ReviewStatus.AwaitingAdvertiser, true) when toReplace > 0 =>
                toReplace == 1 ? "Waiting for you: replace the rejected item, then resubmit." : $"Waiting for you: replace the {toReplace} rejected items, then resubmit.",
            (ReviewStatus.AwaitingAdvertiser, true) => "Waiting for you: resubmit the request with the replaced evidence.",
            (ReviewStatus.AwaitingAdvertiser, false) => toReplace > 0
                ? "Waiting for the advertiser: they replace the rejected evidence and resubmit."
                : "Waiting for the advertiser: the rejected evidence is replaced, not yet resubmitted.",
            _ => null,
        };
    }

    /// <summary>The review clock of an appeal waiting on the advertiser: what was left when it paused.</summary>
    public static string PausedClock(TimeSpan remaining) => remaining >= TimeSpan.Zero
        ? $"paused while waiting for the advertiser, {Infrastructure.Display.Span(remaining)} left"
        : $"paused while waiting for the advertiser, already overdue by {Infrastructure.Display.Span(-remaining)}";

    public static string Verdict(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Accepted => "accepted",
        ReviewVerdict.Rejected => "rejected",
        _ => "not reviewed",
    };
}
