using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Ace;

public enum ComplaintEventKind
{
    Filed,
    Claimed,
    Assigned,
    Upheld,
    Rejected,
    Withdrawn,
    CooperationMessage,
    InternalNote,
    FlaggedOverdueForReview,
    TrackingRevoked,
    DeadlineMissed,
    EvidenceAttached,
}

/// <summary>
/// One line of an ACE complaint's timeline and audit trail: who, when, what, and the status it moved from and to.
/// Append-only, like <see cref="Refunds.RefundEvent"/>.
/// </summary>
public sealed class ComplaintEvent
{
    private ComplaintEvent()
    {
        ActorName = string.Empty;
    }

    internal ComplaintEvent(
        Guid complaintId,
        int sequence,
        ComplaintEventKind kind,
        Actor actor,
        DateTimeOffset at,
        ComplaintStatus? from,
        ComplaintStatus? to,
        string? text,
        bool isInternal,
        bool visibleToComplainant)
    {
        Id = Guid.CreateVersion7(at);
        ComplaintId = complaintId;
        Sequence = sequence;
        Kind = kind;
        ActorId = actor.UserId;
        ActorName = actor.DisplayName;
        ActorKind = actor.Kind;
        At = at;
        FromStatus = from;
        ToStatus = to;
        Text = text;
        IsInternal = isInternal;
        VisibleToComplainant = visibleToComplainant && !isInternal;
    }

    public Guid Id { get; private set; }

    public Guid ComplaintId { get; private set; }

    /// <summary>The event's place in its case's timeline (1, 2, …): events of one action share a time but not a place.</summary>
    public int Sequence { get; private set; }

    public ComplaintEventKind Kind { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public DateTimeOffset At { get; private set; }

    public ComplaintStatus? FromStatus { get; private set; }

    public ComplaintStatus? ToStatus { get; private set; }

    /// <summary>What the person wrote (description, reason, message), if anything.</summary>
    public string? Text { get; private set; }

    /// <summary>Staff only: never shown to the advertiser or the complainant.</summary>
    public bool IsInternal { get; private set; }

    /// <summary>Shown on the complainant's private tracking page.</summary>
    public bool VisibleToComplainant { get; private set; }
}
