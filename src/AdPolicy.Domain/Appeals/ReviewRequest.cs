using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;

namespace AdPolicy.Domain.Appeals;

/// <summary>What an appeal is about.</summary>
public enum SubjectKind
{
    Violation,
    Strike,
    Suspension,
    AdRestriction,
    QualityScoreLimit,
}

public enum ReviewStatus
{
    Draft,
    Submitted,
    InReview,

    /// <summary>A reviewer rejected an item: the advertiser replaces it and resubmits; the review clock is paused.</summary>
    AwaitingAdvertiser,
    Approved,
    Denied,
    Withdrawn,
}

/// <summary>
/// An appeal against a penalty (SPEC 4). The advertiser drafts it, attaches the evidence its issue type requires
/// and submits it once every item passes its automatic check; a reviewer claims it, judges each item and decides.
/// A rejected item goes back to the advertiser, who replaces it and resubmits, as often as it takes; the review clock
/// pauses meanwhile, as a refund's does while awaiting the advertiser. Approval is what lifts the penalty: the caller
/// removes the violation or strike in the same transaction.
/// </summary>
public sealed class ReviewRequest : CaseRecord<ReviewEvent, ReviewEventKind, ReviewStatus>
{
    public const int StatementMaxLength = 4000;

    public const int ReasonMaxLength = 4000;

    private static readonly ReviewStatus[] OpenStatuses =
        [ReviewStatus.Draft, ReviewStatus.Submitted, ReviewStatus.InReview, ReviewStatus.AwaitingAdvertiser];

    private readonly List<ReviewEvidenceItem> _items = [];

    private ReviewRequest()
    {
        Statement = CreatedByName = string.Empty;
    }

    public Guid OrganisationId { get; private set; }

    public Guid AdAccountId { get; private set; }

    public SubjectKind SubjectKind { get; private set; }

    /// <summary>The id of the violation, strike, suspension, ad restriction or quality-score limit appealed.</summary>
    public Guid SubjectId { get; private set; }

    public IssueType IssueType { get; private set; }

    /// <summary>The penalty came from a refused refund or return: refund or return proof is then required.</summary>
    public bool PenaltyFromRefusedRefund { get; private set; }

    /// <summary>The advertiser's explanation of why the penalty is wrong.</summary>
    public string Statement { get; private set; }

    public ReviewStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid CreatedById { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>
    /// When the reviewers owe a decision: submission plus the policy's review target, moved on by the time the appeal
    /// waited on the advertiser. Null while it waits (see <see cref="ReviewPausedRemaining"/>) and once decided.
    /// </summary>
    public DateTimeOffset? ReviewDueAt { get; private set; }

    /// <summary>While awaiting the advertiser, the review time that was left when the clock paused (negative: overdue).</summary>
    public TimeSpan? ReviewPausedRemaining { get; private set; }

    public IReadOnlyList<ReviewEvidenceItem> Items => _items;

    public bool IsOpen => OpenStatuses.Contains(Status);

    /// <summary>The date order lists are measured back from: the day the appeal was opened (UTC).</summary>
    public DateOnly EvidenceReferenceDate => DateOnly.FromDateTime(CreatedAt.UtcDateTime);

    /// <summary>Every checklist item has a file whose automatic check passed: the appeal can be submitted.</summary>
    public bool IsComplete => _items.All(i => i.CheckPassed == true);

    public static IReadOnlyList<ReviewStatus> OpenStates => OpenStatuses;

    /// <summary>The items the advertiser must replace before resubmitting.</summary>
    public IEnumerable<ReviewEvidenceItem> ItemsToReplace => _items.Where(i => i.ReplacementRequested);

    public static string FormatReference(long number) => $"RR-{number}";

    protected override string ReferencePrefix => "RR";

    /// <summary>Opens a draft appeal with the evidence checklist its issue type requires (SPEC 4).</summary>
    public static ReviewRequest Create(
        Guid organisationId,
        Guid adAccountId,
        SubjectKind subjectKind,
        Guid subjectId,
        IssueType issueType,
        bool penaltyFromRefusedRefund,
        string statement,
        Actor advertiser,
        DateTimeOffset now)
    {
        DomainRuleException.Check(
            advertiser.Kind == ActorKind.Advertiser && advertiser.UserId is not null,
            RuleCodes.ReviewAdvertiserOnly,
            $"Only the advertiser can appeal a penalty.");
        DomainRuleException.Check(Enum.IsDefined(subjectKind), RuleCodes.ReviewSubject, $"Choose what you are appealing.");
        DomainRuleException.Check(subjectId != Guid.Empty, RuleCodes.ReviewSubject, $"Choose what you are appealing.");
        DomainRuleException.Check(Enum.IsDefined(issueType), RuleCodes.ReviewIssueType, $"Choose the issue type.");
        CheckText(statement, StatementMaxLength, RuleCodes.ReviewStatement, $"Explain why you believe the penalty is wrong.");

        var request = new ReviewRequest
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = organisationId,
            AdAccountId = adAccountId,
            SubjectKind = subjectKind,
            SubjectId = subjectId,
            IssueType = issueType,
            PenaltyFromRefusedRefund = penaltyFromRefusedRefund,
            Statement = statement.Trim(),
            Status = ReviewStatus.Draft,
            CreatedAt = now,
            CreatedById = advertiser.UserId!.Value,
            CreatedByName = advertiser.DisplayName,
            UpdatedAt = now,
        };
        foreach (var kind in RequirementMatrix.RequiredKinds(issueType, penaltyFromRefusedRefund))
        {
            request._items.Add(new ReviewEvidenceItem(request.Id, kind, now));
        }

        var checklist = string.Join(",", request._items.Select(i => EventValue.Format(i.Kind)));
        request.Record(ReviewEventKind.Created, advertiser, now, null, ReviewStatus.Draft, request.Statement, EventValues.Of(EventValue.EvidenceRequired, checklist));
        return request;
    }

    public ReviewEvidenceItem Item(EvidenceKind kind) =>
        _items.FirstOrDefault(i => i.Kind == kind)
        ?? throw new DomainRuleException(RuleCodes.ReviewEvidenceKind, $"This appeal does not ask for {RequirementMatrix.Title(kind).ToLowerInvariant()}.");

    /// <summary>
    /// Attaches (or replaces) the file for a checklist item with the result of its automatic check. The advertiser
    /// attaches while drafting, and replaces an item a reviewer rejected while the appeal waits on them; a reviewer may
    /// attach once the appeal is submitted. A new file clears the item's verdict; the file it replaces is kept as an
    /// earlier version with its result and verdict.
    /// </summary>
    /// <param name="kind">The checklist item.</param>
    /// <param name="fileId">The stored file the check was run on.</param>
    /// <param name="checkResult">The automatic check of exactly this file (and the supporting file, if any).</param>
    /// <param name="actor">The advertiser or a reviewer.</param>
    /// <param name="now">The clock.</param>
    /// <param name="supportingFileId">Data security only: the business document checked with the logistics list.</param>
    /// <param name="details">What was entered with the file: a certificate's authority, number and dates, or the business document's description.</param>
    public void AttachEvidence(
        EvidenceKind kind,
        Guid fileId,
        EvidenceCheckResult checkResult,
        Actor actor,
        DateTimeOffset now,
        Guid? supportingFileId = null,
        EvidenceDetails? details = null)
    {
        var item = Item(kind);
        if (actor.Kind == ActorKind.Advertiser)
        {
            RequireStatus("change the evidence of", ReviewStatus.Draft, ReviewStatus.AwaitingAdvertiser);
            DomainRuleException.Check(
                Status == ReviewStatus.Draft || item.ReplacementRequested,
                RuleCodes.ReviewItemNotReturned,
                $"The reviewer did not reject {RequirementMatrix.Title(kind).ToLowerInvariant()}, so it stays as it is; replace only the rejected items.");
        }
        else
        {
            RequireStaff(actor);
            RequireStatus("attach evidence to", ReviewStatus.Submitted, ReviewStatus.InReview);
        }

        DomainRuleException.Check(fileId != Guid.Empty, RuleCodes.ReviewEvidenceFile, $"Choose the file to attach.");
        DomainRuleException.Check(
            supportingFileId is null || kind == EvidenceKind.BusinessLegitimacyProof,
            RuleCodes.ReviewSupportingFile,
            $"{RequirementMatrix.Title(kind)} takes one file.");
        item.Attach(fileId, supportingFileId, details ?? EvidenceDetails.None, checkResult, actor, now);
        var values = new EventValues()
            .With(EventValue.EvidenceItem, kind)
            .With(EventValue.Check, checkResult.Passed ? "passed" : "failed");
        Record(ReviewEventKind.EvidenceAttached, actor, now, Status, Status, values: values);
        if (!checkResult.Passed)
        {
            Events[^1].Said(checkResult.Findings);
        }
    }

    /// <summary>Sends the appeal to the reviewers. Refused until every checklist item has passed its automatic check.</summary>
    public void Submit(Actor advertiser, PolicySettings policy, DateTimeOffset now)
    {
        RequireAdvertiser(advertiser);
        RequireStatus("submit", ReviewStatus.Draft);
        var failing = _items.Where(i => i.CheckPassed != true).Select(Problem).ToList();
        DomainRuleException.Check(
            failing.Count == 0,
            RuleCodes.ReviewEvidenceIncomplete,
            $"Every evidence item must pass its check before you submit. {Phrases.Join(failing)}");
        Status = ReviewStatus.Submitted;
        SubmittedAt = now;
        ReviewDueAt = now + policy.ReviewFirstResponse;
        Record(ReviewEventKind.Submitted, advertiser, now, ReviewStatus.Draft, Status);
    }

    /// <summary>
    /// The advertiser sends the appeal back to the reviewers after replacing every rejected item. Refused until each of
    /// them has a new file and every item passes its automatic check. The review clock resumes with exactly the time it
    /// had left when it paused (overdue stays overdue).
    /// </summary>
    public void Resubmit(Actor advertiser, DateTimeOffset now)
    {
        RequireAdvertiser(advertiser);
        RequireStatus("resubmit", ReviewStatus.AwaitingAdvertiser);
        var notReplaced = _items
            .Where(i => i.ReplacementRequested && i.Verdict == ReviewVerdict.Rejected)
            .Select(i => (FormattableString)$"{RequirementMatrix.Title(i.Kind)}: the rejected file has not been replaced yet.")
            .ToList();
        DomainRuleException.Check(
            notReplaced.Count == 0,
            RuleCodes.ReviewReplacementMissing,
            $"Replace every rejected item before you resubmit. {Phrases.Join(notReplaced)}");
        var failing = _items.Where(i => i.CheckPassed != true).Select(Problem).ToList();
        DomainRuleException.Check(
            failing.Count == 0,
            RuleCodes.ReviewEvidenceIncomplete,
            $"Every evidence item must pass its check before you resubmit. {Phrases.Join(failing)}");
        foreach (var item in _items.Where(i => i.ReplacementRequested))
        {
            item.ReplacementSent();
        }

        ReviewDueAt = now + (ReviewPausedRemaining ?? TimeSpan.Zero);
        ReviewPausedRemaining = null;
        Status = ReviewStatus.InReview;
        Record(ReviewEventKind.Resubmitted, advertiser, now, ReviewStatus.AwaitingAdvertiser, Status, values: EventValues.Of(EventValue.ReviewDue, ReviewDueAt.Value));
    }

    /// <summary>A reviewer takes the appeal; claiming a submitted appeal starts its review.</summary>
    public override void Claim(Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        RequireStatus("claim", ReviewStatus.Submitted, ReviewStatus.InReview, ReviewStatus.AwaitingAdvertiser);
        RequireUnclaimedOrMine(staff, RuleCodes.ReviewAlreadyClaimed, "appeal");
        var from = Status;
        var change = Assign(staff.UserId, staff.DisplayName);
        Status = Status == ReviewStatus.AwaitingAdvertiser ? Status : ReviewStatus.InReview;
        Record(ReviewEventKind.Claimed, staff, now, from, Status, values: change);
    }

    /// <summary>Gives the appeal to a member of staff (the shared claim/assign of the queue).</summary>
    public override void AssignTo(Guid assigneeId, string assigneeName, Actor staff, DateTimeOffset now)
    {
        DomainRuleException.Check(staff.Kind is ActorKind.Staff or ActorKind.System, RuleCodes.ReviewStaffOnly, $"Only a reviewer can do this.");
        RequireStatus("assign", ReviewStatus.Submitted, ReviewStatus.InReview, ReviewStatus.AwaitingAdvertiser);
        Record(ReviewEventKind.Assigned, staff, now, Status, Status, values: Assign(assigneeId, assigneeName));
    }

    /// <summary>
    /// The reviewer's verdict on one item. A rejection says why; an item whose automatic check failed cannot be accepted.
    /// A rejection sends the appeal back to the advertiser to replace the item, and the review clock pauses until they
    /// resubmit; meanwhile the reviewer may still judge the items not sent back, but not those the advertiser is replacing.
    /// </summary>
    public void ReviewItem(EvidenceKind kind, ReviewVerdict verdict, string? note, Actor reviewer, DateTimeOffset now)
    {
        RequireStaff(reviewer);
        RequireStatus("review the evidence of", ReviewStatus.InReview, ReviewStatus.AwaitingAdvertiser);
        var item = Item(kind);
        DomainRuleException.Check(
            !item.ReplacementRequested,
            RuleCodes.ReviewItemAwaitingAdvertiser,
            $"{RequirementMatrix.Title(kind)} was sent back to the advertiser to replace; judge it once they resubmit.");
        DomainRuleException.Check(verdict != ReviewVerdict.None, RuleCodes.ReviewVerdict, $"Accept or reject the item.");
        DomainRuleException.Check(
            verdict != ReviewVerdict.Rejected || !string.IsNullOrWhiteSpace(note),
            RuleCodes.ReviewVerdictNote,
            $"Say why {RequirementMatrix.Title(kind).ToLowerInvariant()} is rejected; the advertiser reads it.");
        DomainRuleException.Check(
            verdict != ReviewVerdict.Accepted || item.CheckPassed == true,
            RuleCodes.ReviewItemCheckFailed,
            $"{RequirementMatrix.Title(kind)} has not passed its automatic check, so it cannot be accepted. {Phrases.Join(item.Findings.Select(f => (FormattableString)$"{f}"))}");
        var values = new EventValues().With(EventValue.EvidenceItem, kind).With(EventValue.From(EventValue.Verdict), item.Verdict == ReviewVerdict.None ? null : EventValue.Format(item.Verdict)).With(EventValue.Verdict, verdict);
        item.Review(verdict, note, reviewer, now);
        var from = Status;
        if (verdict == ReviewVerdict.Rejected && Status == ReviewStatus.InReview)
        {
            ReviewPausedRemaining = ReviewDueAt is { } due ? due - now : null;
            ReviewDueAt = null;
            Status = ReviewStatus.AwaitingAdvertiser;
        }

        Record(ReviewEventKind.ItemReviewed, reviewer, now, from, Status, item.VerdictNote, values);
    }

    /// <summary>Upholds the appeal: the penalty is lifted. Every evidence item must have been accepted.</summary>
    public void Approve(string reason, Actor reviewer, DateTimeOffset now, int? policyVersion = null)
    {
        RequireStaff(reviewer);
        RequireDecidable();
        CheckText(reason, ReasonMaxLength, RuleCodes.ReviewDecisionReason, $"Give the reason the advertiser will read.");
        var notAccepted = _items
            .Where(i => i.Verdict != ReviewVerdict.Accepted)
            .Select(i => i.Verdict == ReviewVerdict.Rejected
                ? (FormattableString)$"{RequirementMatrix.Title(i.Kind)} is rejected."
                : $"{RequirementMatrix.Title(i.Kind)} is not reviewed yet.")
            .ToList();
        DomainRuleException.Check(
            notAccepted.Count == 0,
            RuleCodes.ReviewItemsNotAccepted,
            $"Accept every evidence item before approving the appeal. {Phrases.Join(notAccepted)}");
        Decide(ReviewStatus.Approved, ReviewEventKind.Approved, reason, reviewer, policyVersion, now);
    }

    /// <summary>Rejects the appeal: the penalty stands. A reviewer need not wait for replacements to deny.</summary>
    public void Deny(string reason, Actor reviewer, DateTimeOffset now, int? policyVersion = null)
    {
        RequireStaff(reviewer);
        RequireDecidable(ReviewStatus.AwaitingAdvertiser);
        CheckText(reason, ReasonMaxLength, RuleCodes.ReviewDecisionReason, $"Give the reason the advertiser will read.");
        Decide(ReviewStatus.Denied, ReviewEventKind.Denied, reason, reviewer, policyVersion, now);
    }

    public void Withdraw(Actor advertiser, DateTimeOffset now)
    {
        RequireAdvertiser(advertiser);
        RequireStatus("withdraw", OpenStatuses);
        var from = Status;
        Status = ReviewStatus.Withdrawn;
        CloseClock();
        Record(ReviewEventKind.Withdrawn, advertiser, now, from, Status);
    }

    public static string Describe(ReviewStatus status) => status switch
    {
        ReviewStatus.Draft => "a draft",
        ReviewStatus.Submitted => "submitted",
        ReviewStatus.InReview => "in review",
        ReviewStatus.AwaitingAdvertiser => "awaiting the advertiser",
        ReviewStatus.Approved => "approved",
        ReviewStatus.Denied => "denied",
        ReviewStatus.Withdrawn => "withdrawn",
        _ => status.ToString(),
    };

    private static string Describe(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Accepted => "accepted",
        ReviewVerdict.Rejected => "rejected",
        _ => "not reviewed",
    };

    private static FormattableString Problem(ReviewEvidenceItem item)
    {
        var title = RequirementMatrix.Title(item.Kind);
        if (!item.HasFile)
        {
            return $"{title}: no file is attached.";
        }

        var findings = item.Findings;
        return findings.Count switch
        {
            0 => $"{title}: its check did not pass.",
            1 => $"{title}: {findings[0]}",
            _ => $"{title}: {findings[0]} (and {findings.Count - 1} more)",
        };
    }

    private void Decide(ReviewStatus to, ReviewEventKind kind, string reason, Actor reviewer, int? policyVersion, DateTimeOffset now)
    {
        var from = Status;
        Status = to;
        Decided(reason, reviewer, policyVersion, now);
        CloseClock();
        Record(kind, reviewer, now, from, to, DecisionReason);
    }

    private void CloseClock()
    {
        ReviewDueAt = null;
        ReviewPausedRemaining = null;
    }

    private void RequireDecidable(ReviewStatus? alsoFrom = null) =>
        DomainRuleException.Check(
            Status == ReviewStatus.InReview || Status == alsoFrom,
            RuleCodes.ReviewNotDecidable,
            Status switch
            {
                ReviewStatus.Draft => (FormattableString)$"This appeal has not been submitted yet, so it cannot be decided.",
                ReviewStatus.Submitted => $"Claim the appeal and review its evidence before deciding.",
                ReviewStatus.AwaitingAdvertiser => $"This appeal is waiting for the advertiser to replace rejected evidence; approve it once they have resubmitted.",
                ReviewStatus.Withdrawn => $"The advertiser withdrew this appeal, so it cannot be decided.",
                _ => $"This appeal is {Describe(Status)} and cannot be decided again.",
            });

    private void RequireStatus(string action, params ReviewStatus[] allowed) =>
        DomainRuleException.Check(allowed.Contains(Status), RuleCodes.ReviewWrongStatus, $"You cannot {action} an appeal that is {Describe(Status)}.");

    private static void RequireStaff(Actor actor) =>
        DomainRuleException.Check(actor.Kind == ActorKind.Staff, RuleCodes.ReviewStaffOnly, $"Only a reviewer can do this.");

    private static void RequireAdvertiser(Actor actor) =>
        DomainRuleException.Check(actor.Kind == ActorKind.Advertiser, RuleCodes.ReviewAdvertiserOnly, $"Only the advertiser can do this.");

    private static void CheckText(string? text, int maxLength, string rule, FormattableString whenEmpty)
    {
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(text), rule, whenEmpty);
        DomainRuleException.Check(text!.Trim().Length <= maxLength, rule, $"Keep it to {maxLength} characters.");
    }

    protected override ReviewEvent NewEvent(int sequence, ReviewEventKind kind, Actor actor, DateTimeOffset at, ReviewStatus? from, ReviewStatus? to, string? text, EventValues? values, EventAudience audience) =>
        new(Id, sequence, kind, actor, at, from, to, text, values);
}
