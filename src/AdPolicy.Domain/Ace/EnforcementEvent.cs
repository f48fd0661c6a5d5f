using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Ace;

public enum EnforcementEventKind
{
    /// <summary>A violation was recorded on the account (an upheld complaint or an ACE evaluation).</summary>
    ViolationRecorded,

    /// <summary>What rested on a violation or a missed deadline was lifted (withdrawal, approved review, staff correction).</summary>
    Restored,

    SanctionLifted,

    SanctionShortened,

    AdReinstated,

    AdPlanReinstated,

    DecisionReopened,

    RefundOriginSet,
}

/// <summary>
/// One line of an ad account's enforcement history and audit trail (SPEC 3.2, staff corrections): who, when, what was
/// done and the reason they gave. The advertiser reads every line; rows are append-only.
/// </summary>
public sealed class EnforcementEvent
{
    public const int TextMaxLength = 4000;

    public const int ReasonMaxLength = 1000;

    private EnforcementEvent()
    {
        ActorName = string.Empty;
        Facts = [];
    }

    public Guid Id { get; private set; }

    public Guid AdAccountId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public EnforcementEventKind Kind { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>What was done and why, as data (<see cref="Fact"/>): each reader sees it in their language.</summary>
    public IReadOnlyList<Fact> Facts { get; private set; }

    /// <summary>What was done, as an English sentence: only lines written before they were stored as data have one.</summary>
    public string? Text { get; private set; }

    /// <summary>The reason the staff member gave (required for every staff correction).</summary>
    public string? Reason { get; private set; }

    public Guid? ViolationId { get; private set; }

    public Guid? ComplaintId { get; private set; }

    public static EnforcementEvent Record(
        Guid adAccountId,
        Guid organisationId,
        EnforcementEventKind kind,
        Actor actor,
        DateTimeOffset now,
        IReadOnlyList<Fact> facts,
        string? reason = null,
        Guid? violationId = null,
        Guid? complaintId = null)
    {
        DomainRuleException.Check(facts.Count > 0, RuleCodes.EnforcementEventText, $"Say what was done.");
        DomainRuleException.Check(
            actor.Kind != ActorKind.Staff || kind is EnforcementEventKind.ViolationRecorded or EnforcementEventKind.Restored || !string.IsNullOrWhiteSpace(reason),
            RuleCodes.EnforcementReason,
            $"Give the reason the advertiser will read.");
        DomainRuleException.Check(
            reason is null || reason.Trim().Length <= ReasonMaxLength,
            RuleCodes.EnforcementReason,
            $"Keep the reason under {ReasonMaxLength} characters.");
        return new EnforcementEvent
        {
            Id = Guid.CreateVersion7(now),
            AdAccountId = adAccountId,
            OrganisationId = organisationId,
            Kind = kind,
            ActorId = actor.UserId,
            ActorName = actor.DisplayName,
            ActorKind = actor.Kind,
            At = now,
            Facts = [.. facts],
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            ViolationId = violationId,
            ComplaintId = complaintId,
        };
    }
}
