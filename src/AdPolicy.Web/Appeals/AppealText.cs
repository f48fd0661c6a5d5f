using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Appeals;

/// <summary>The words pages use for appeals, in the reader's language (<c>Resources/Appeals/AppealText</c>).</summary>
public static class AppealText
{
    private static readonly ResourceWords Text = new("Appeals.AppealText");

    public static string IssueType(IssueType type) => type switch
    {
        Domain.Appeals.IssueType.Fulfilment => Text.Get("Fulfilment (shipping and delivery)"),
        Domain.Appeals.IssueType.BusinessModel => Text.Get("Business model (what was ordered and delivered)"),
        Domain.Appeals.IssueType.PhysicalHarm => Text.Get("Physical harm (product safety and certification)"),
        Domain.Appeals.IssueType.DataSecurity => Text.Get("Data security (legitimate business or permission)"),
        _ => type.ToString(),
    };

    /// <summary>A review request's status as the badge says it: "a draft", "in review".</summary>
    public static string Status(ReviewStatus status) => Text.Get(ReviewRequest.Describe(status));

    /// <summary>What is appealed: "a violation", "a strike".</summary>
    public static string Subject(SubjectKind kind) => Text.Get(AppealSubject.Describe(kind));

    /// <summary>A checklist item's name, what it must show and its automatic check, with the policy's numbers.</summary>
    public static (string Title, string MustShow, string RuleToCheck) Requirement(EvidenceKind kind, PolicySettings policy) =>
        (Title(kind), Text.Get(RequirementMatrix.MustShow(kind)), Text.Format(RequirementMatrix.RuleTemplate(kind), RequirementMatrix.RuleValues(policy)));

    public static string Title(EvidenceKind kind) => Text.Get(RequirementMatrix.Title(kind));

    /// <summary>The item's state for a badge: no file, passes, or does not pass.</summary>
    public static (string Label, string Css) CheckBadge(ReviewEvidenceItem item) => item.CheckPassed switch
    {
        true => (Text.Get("passes"), "text-bg-success"),
        false => (Text.Get("does not pass"), "text-bg-danger"),
        null => (Text.Get("no file yet"), "text-bg-secondary"),
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
            (ReviewStatus.Draft, true) => Text.Get("Waiting for you: attach the evidence and submit the request."),
            (ReviewStatus.Draft, false) => Text.Get("Waiting for the advertiser to submit the request."),
            (ReviewStatus.Submitted, true) => Text.Get("Waiting for a reviewer to take up your request."),
            (ReviewStatus.Submitted, false) => Text.Get("Waiting for a reviewer to claim the request."),
            (ReviewStatus.InReview, true) => Text.Get("Waiting for the reviewer."),
            (ReviewStatus.InReview, false) => Text.Format("Waiting for the reviewer ({0}).", r.AssigneeName ?? Text.Get("nobody yet")),
            (ReviewStatus.AwaitingAdvertiser, true) when toReplace > 0 =>
                toReplace == 1 ? Text.Get("Waiting for you: replace the rejected item, then resubmit.") : Text.Format("Waiting for you: replace the {0} rejected items, then resubmit.", toReplace),
            (ReviewStatus.AwaitingAdvertiser, true) => Text.Get("Waiting for you: resubmit the request with the replaced evidence."),
            (ReviewStatus.AwaitingAdvertiser, false) => toReplace > 0
                ? Text.Get("Waiting for the advertiser: they replace the rejected evidence and resubmit.")
                : Text.Get("Waiting for the advertiser: the rejected evidence is replaced, not yet resubmitted."),
            _ => null,
        };
    }

    /// <summary>True when the next move is the advertiser's own (the page marks it).</summary>
    public static bool WaitsForAdvertiser(ReviewRequest r) => r.Status is ReviewStatus.Draft or ReviewStatus.AwaitingAdvertiser;

    /// <summary>The review clock of an appeal waiting on the advertiser: what was left when it paused.</summary>
    public static string PausedClock(TimeSpan remaining) => remaining >= TimeSpan.Zero
        ? Text.Format("paused while waiting for the advertiser, {0} left", Infrastructure.Display.Span(remaining))
        : Text.Format("paused while waiting for the advertiser, already overdue by {0}", Infrastructure.Display.Span(-remaining));

    public static string Verdict(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Accepted => Text.Get("accepted"),
        ReviewVerdict.Rejected => Text.Get("rejected"),
        _ => Text.Get("not reviewed"),
    };
}
