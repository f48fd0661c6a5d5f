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
    SplitFromGroup,

    /// <summary>Staff reopened an upheld decision.</summary>
    Reopened,

    /// <summary>A removal or a staff lift restored what rested on the complaint (ads, an ad plan, blocks).</summary>
    Restored,

    /// <summary>A withdrawn complaint's violation now rests on this one, upheld with it in the same duplicate group.</summary>
    TookOverGroupViolation,
}

/// <summary>
/// One line of an ACE complaint's timeline and audit trail (see <see cref="TimelineEvent{TKind, TStatus}"/>), with who
/// may see it. Append-only, like <see cref="Refunds.RefundEvent"/>.
/// </summary>
public sealed class ComplaintEvent : TimelineEvent<ComplaintEventKind, ComplaintStatus>
{
    private ComplaintEvent()
    {
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
        EventValues? values,
        bool isInternal,
        bool visibleToComplainant)
        : base(sequence, kind, actor, at, from, to, text, values)
    {
        ComplaintId = complaintId;
        IsInternal = isInternal;
        VisibleToComplainant = visibleToComplainant && !isInternal;
    }

    public Guid ComplaintId { get; private set; }

    /// <summary>Staff only: never shown to the advertiser or the complainant.</summary>
    public bool IsInternal { get; private set; }

    /// <summary>Shown on the complainant's private tracking page.</summary>
    public bool VisibleToComplainant { get; private set; }
}
