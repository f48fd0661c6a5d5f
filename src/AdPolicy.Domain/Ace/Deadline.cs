using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;

namespace AdPolicy.Domain.Ace;

public enum DeadlineKind
{
    /// <summary>Remove the infringing content (user complaint 24 h, IP complaint 48 h after filing).</summary>
    RemoveContent,

    /// <summary>IP complaint: tell the complainant the outcome and give them the evidence (72 h after filing).</summary>
    CooperateWithComplainant,

    /// <summary>Correct content similar to the violation (48 h after the advertiser is notified).</summary>
    CorrectSimilarContent,
}

public enum DeadlineState
{
    Pending,
    Met,
    Missed,
    Cancelled,
}

/// <summary>What judging a pending deadline at uphold time found.</summary>
public enum UpholdJudgement
{
    /// <summary>The advertiser had done it by the due time: the deadline is now met.</summary>
    Met,

    /// <summary>Not due yet and not done: it keeps running.</summary>
    StillRunning,

    /// <summary>Due and not done in time: the service marks it missed and enforces it at once.</summary>
    EnforceNow,
}

/// <summary>What the deadline service should do with a pending deadline now (SPEC 5).</summary>
public enum DueAction
{
    /// <summary>Not due yet.</summary>
    Wait,

    /// <summary>Due and its complaint upheld (or no complaint): mark it missed, enforce and sanction.</summary>
    Enforce,

    /// <summary>Due while nobody has decided its complaint: enforce nothing, flag the complaint overdue for review.</summary>
    FlagComplaintOverdue,

    /// <summary>Due, complaint undecided and already flagged: nothing more until staff decide.</summary>
    AwaitDecision,

    /// <summary>Its complaint was rejected or withdrawn: cancel it.</summary>
    Cancel,
}

/// <summary>
/// A deadline the ACE policy sets the advertiser (SPEC 3.1, 5). The clock starts when the complaint is filed (or the
/// advertiser is notified of the violation), not when staff look. It ends exactly once: met, missed or cancelled.
/// </summary>
public sealed class Deadline
{
    public const int OutcomeMaxLength = 2000;

    private Deadline()
    {
    }

    public Guid Id { get; private set; }

    public DeadlineKind Kind { get; private set; }

    public Guid AdAccountId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public Guid? ComplaintId { get; private set; }

    public Guid? ViolationId { get; private set; }

    public Guid? AdId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public DeadlineState State { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>
    /// How it ended, as data: what the advertiser did, why it was cancelled, or what the service did when it was missed
    /// (pages word it for their reader).
    /// </summary>
    public IReadOnlyList<Fact>? Outcome { get; private set; }

    /// <summary>How it ended, as an English sentence: only rows ended before outcomes were stored as data have one.</summary>
    public string? OutcomeText { get; private set; }

    public DateTimeOffset? ReminderSentAt { get; private set; }

    public uint Version { get; private set; }

    public bool IsPending => State == DeadlineState.Pending;

    /// <summary>The deadlines a complaint creates, counted from its filing (SPEC 3.1).</summary>
    public static IReadOnlyList<Deadline> ForComplaint(AceComplaint complaint, PolicySettings policy)
    {
        DomainRuleException.Check(
            complaint.Status is not (ComplaintStatus.Rejected or ComplaintStatus.Withdrawn or ComplaintStatus.Contested),
            RuleCodes.DeadlineClosedComplaint,
            $"This complaint was {AceComplaint.Describe(complaint.Status)}, so it sets the advertiser no deadline.");
        var filed = complaint.FiledAt;
        return complaint.Type switch
        {
            ComplaintType.IntellectualProperty =>
            [
                Create(DeadlineKind.RemoveContent, complaint.AdAccountId, complaint.OrganisationId, complaint.Id, null, complaint.AdId, filed, TimeSpan.FromHours(policy.IpComplaintRemovalHours)),
                Create(DeadlineKind.CooperateWithComplainant, complaint.AdAccountId, complaint.OrganisationId, complaint.Id, null, complaint.AdId, filed, TimeSpan.FromHours(policy.IpComplaintCooperationHours)),
            ],
            _ =>
            [
                Create(DeadlineKind.RemoveContent, complaint.AdAccountId, complaint.OrganisationId, complaint.Id, null, complaint.AdId, filed, TimeSpan.FromHours(policy.UserComplaintRemovalHours)),
            ],
        };
    }

    /// <summary>The deadline to correct similar content, counted from when the advertiser was told of the violation.</summary>
    public static Deadline ForViolationNotice(Violation violation, DateTimeOffset notifiedAt, PolicySettings policy)
    {
        DomainRuleException.Check(
            violation.IsActive,
            RuleCodes.DeadlineRemovedViolation,
            $"This violation was removed, so it sets the advertiser no deadline.");
        return Create(
            DeadlineKind.CorrectSimilarContent,
            violation.AdAccountId,
            violation.OrganisationId,
            violation.ComplaintId,
            violation.Id,
            violation.AdId,
            notifiedAt,
            TimeSpan.FromHours(policy.SimilarContentCorrectionHours));
    }

    /// <summary>Due at the due time itself: one second before it is not.</summary>
    public bool IsDue(DateTimeOffset now) => DueAt <= now;

    /// <summary>
    /// What the service does with this pending deadline now. Never punishes on a complaint nobody has judged:
    /// a due deadline of an undecided complaint only raises the complaint for review.
    /// </summary>
    /// <param name="complaint">The deadline's complaint, when it has one.</param>
    /// <param name="now">The clock.</param>
    public DueAction WhatIsDue(AceComplaint? complaint, DateTimeOffset now)
    {
        RequirePending("acted on");
        if (complaint is not null && complaint.Id != ComplaintId)
        {
            throw new ArgumentException("The complaint given is not this deadline's complaint.", nameof(complaint));
        }

        DomainRuleException.Check(
            complaint is not null || ComplaintId is null,
            RuleCodes.DeadlineComplaintNeeded,
            $"This deadline comes from a complaint: its complaint is needed to judge it.");
        return complaint?.Status switch
        {
            ComplaintStatus.Rejected or ComplaintStatus.Withdrawn or ComplaintStatus.Contested => DueAction.Cancel,
            _ when !IsDue(now) => DueAction.Wait,
            ComplaintStatus.Filed or ComplaintStatus.InReview => complaint.OverdueForReview ? DueAction.AwaitDecision : DueAction.FlagComplaintOverdue,
            _ => DueAction.Enforce,
        };
    }

    /// <summary>Pending, not yet reminded, and within the reminder lead time of its due time.</summary>
    public bool IsReminderDue(PolicySettings policy, DateTimeOffset now) =>
        IsPending && ReminderSentAt is null && !IsDue(now) && DueAt - TimeSpan.FromHours(policy.DeadlineReminderLeadHours) <= now;

    /// <summary>The sanction the policy names for missing a deadline of this kind.</summary>
    public MissedDeadlineSanction SanctionFor(PolicySettings policy) => Kind switch
    {
        DeadlineKind.RemoveContent => policy.MissedRemovalSanction,
        DeadlineKind.CooperateWithComplainant => policy.MissedCooperationSanction,
        DeadlineKind.CorrectSimilarContent => policy.MissedCorrectionSanction,
        _ => MissedDeadlineSanction.None,
    };

    /// <summary>The advertiser did what the deadline asks, in time.</summary>
    public void Meet(Fact how, DateTimeOffset now)
    {
        RequirePending("met");
        DomainRuleException.Check(
            !IsLate(now),
            RuleCodes.DeadlinePassed,
            $"This deadline passed on {AceText.When(DueAt)}; doing it now no longer meets it.");
        End(DeadlineState.Met, how, now);
    }

    /// <summary>
    /// The IP cooperation deadline is met by the advertiser's message only when it reached the complainant (SPEC 3.1:
    /// "tell them the outcome"): an internal note, the complainant's own words, or a message the complainant could not
    /// read (their tracking link was revoked) meets nothing.
    /// </summary>
    public void MeetByMessage(ComplaintEvent message, Fact how, DateTimeOffset now)
    {
        DomainRuleException.Check(
            Kind == DeadlineKind.CooperateWithComplainant && message.ComplaintId == ComplaintId,
            RuleCodes.DeadlineNotDelivered,
            $"Only a message to this deadline's complainant meets a cooperation deadline.");
        DomainRuleException.Check(
            message.Kind == ComplaintEventKind.CooperationMessage && message.ActorKind == ActorKind.Advertiser && message.VisibleToComplainant,
            RuleCodes.DeadlineNotDelivered,
            $"This message did not reach the complainant, so it does not meet the deadline to cooperate with them.");
        Meet(how, now);
    }

    /// <summary>
    /// A rejection cancelled this deadline and the complaint was upheld on review of the complainant's contest: the
    /// deadline is pending again, with its first due time, and is judged as for any complaint upheld late (SPEC 5,
    /// <see cref="JudgeAtUphold"/>).
    /// </summary>
    public void Reinstate(AceComplaint complaint)
    {
        DomainRuleException.Check(
            State == DeadlineState.Cancelled && complaint.Id == ComplaintId && complaint.Status == ComplaintStatus.Upheld && complaint.ContestDecidedAt is not null
            && Kind != DeadlineKind.CorrectSimilarContent,
            RuleCodes.DeadlineReinstate,
            $"Only a complaint's deadline cancelled by its rejection comes back, when the complaint is upheld on review of a contest.");
        State = DeadlineState.Pending;
        EndedAt = null;
        Outcome = null;
        OutcomeText = null;
    }

    /// <summary>
    /// Its complaint was withdrawn while another of its duplicate group, decided with it, still stands: the deadline
    /// (about the ad, not about the complainant who withdrew) now belongs to that complaint.
    /// </summary>
    public void PassToComplaint(AceComplaint complaint)
    {
        RequirePending("passed on");
        DomainRuleException.Check(
            Kind != DeadlineKind.CooperateWithComplainant && complaint.AdAccountId == AdAccountId,
            RuleCodes.DeadlinePass,
            $"Only a pending deadline about the ad can pass to another complaint of the same account.");
        ComplaintId = complaint.Id;
    }

    /// <summary>The deadline no longer applies: its complaint was rejected or withdrawn, or its violation removed.</summary>
    public void Cancel(Fact why, DateTimeOffset now)
    {
        RequirePending("cancelled");
        End(DeadlineState.Cancelled, why, now);
    }

    /// <summary>
    /// The service found the deadline passed unmet. Exactly once: a second call is refused, so two service
    /// instances (or a retry after a crash) cannot both act on it.
    /// </summary>
    /// <param name="whatTheServiceDid">What was done about it: content removed, sanction applied or proposed, who was told.</param>
    /// <param name="now">The clock.</param>
    public void MarkMissed(IReadOnlyList<Fact> whatTheServiceDid, DateTimeOffset now)
    {
        RequirePending("missed");
        DomainRuleException.Check(
            IsDue(now),
            RuleCodes.DeadlineNotDue,
            $"This deadline is not due until {AceText.When(DueAt)}.");
        End(DeadlineState.Missed, whatTheServiceDid, now);
    }

    public void MarkReminderSent(DateTimeOffset now)
    {
        RequirePending("reminded of");
        DomainRuleException.Check(
            ReminderSentAt is null,
            RuleCodes.DeadlineReminderSent,
            $"A reminder for this deadline was already sent on {AceText.When(ReminderSentAt ?? now)}.");
        ReminderSentAt = now;
    }

    /// <summary>
    /// Judges a pending deadline of a complaint upheld just now (SPEC 5: nothing was enforced while it was
    /// unreviewed). Met when the advertiser had done it at or before the due time; otherwise, once due, the
    /// deadline stays pending and the service marks it missed and enforces it at once.
    /// </summary>
    /// <param name="doneAt">When the advertiser did what it asks (removed the ad, wrote to the complainant); null if not done.</param>
    /// <param name="now">The clock: the moment of the uphold.</param>
    public UpholdJudgement JudgeAtUphold(DateTimeOffset? doneAt, DateTimeOffset now)
    {
        RequirePending("judged");
        if (doneAt is { } done && done <= DueAt)
        {
            End(DeadlineState.Met, Fact.Of(FactKind.DoneInTime, EventValues.Of(EventValue.DoneAt, done)), now);
            return UpholdJudgement.Met;
        }

        return IsDue(now) ? UpholdJudgement.EnforceNow : UpholdJudgement.StillRunning;
    }

    /// <summary>What the deadline asks, as a short phrase.</summary>
    public static string What(DeadlineKind kind) => kind switch
    {
        DeadlineKind.RemoveContent => "Remove the infringing content",
        DeadlineKind.CooperateWithComplainant => "Tell the complainant the outcome and give them the evidence",
        DeadlineKind.CorrectSimilarContent => "Correct similar content",
        _ => kind.ToString(),
    };

    private static Deadline Create(
        DeadlineKind kind,
        Guid adAccountId,
        Guid organisationId,
        Guid? complaintId,
        Guid? violationId,
        Guid? adId,
        DateTimeOffset startsAt,
        TimeSpan length) => new()
        {
            Id = Guid.CreateVersion7(startsAt),
            Kind = kind,
            AdAccountId = adAccountId,
            OrganisationId = organisationId,
            ComplaintId = complaintId,
            ViolationId = violationId,
            AdId = adId,
            StartsAt = startsAt,
            DueAt = startsAt + length,
            State = DeadlineState.Pending,
        };

    private bool IsLate(DateTimeOffset now) => now > DueAt;

    private void RequirePending(string action) =>
        DomainRuleException.Check(
            IsPending,
            RuleCodes.DeadlineEnded,
            $"This deadline was already {Describe(State)} on {AceText.When(EndedAt ?? DueAt)}, so it cannot be {action}.");

    private void End(DeadlineState state, Fact outcome, DateTimeOffset now) => End(state, [outcome], now);

    private void End(DeadlineState state, IReadOnlyList<Fact> outcome, DateTimeOffset now)
    {
        DomainRuleException.Check(outcome.Count > 0, RuleCodes.DeadlineOutcome, $"Say how the deadline ended.");
        State = state;
        EndedAt = now;
        Outcome = [.. outcome];
    }

    public static string Describe(DeadlineState state) => state switch
    {
        DeadlineState.Pending => "pending",
        DeadlineState.Met => "met",
        DeadlineState.Missed => "missed",
        DeadlineState.Cancelled => "cancelled",
        _ => state.ToString(),
    };
}
