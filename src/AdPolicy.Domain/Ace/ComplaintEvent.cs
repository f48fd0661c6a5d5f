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

    /// <summary>The complainant added information for staff (their text).</summary>
    ComplainantInformation,

    /// <summary>The complainant added a file (its name).</summary>
    ComplainantFileAdded,

    /// <summary>The complainant answered the advertiser's cooperation messages (their text); the advertiser reads it.</summary>
    ComplainantReply,

    /// <summary>The complainant contested the rejection (their reason).</summary>
    Contested,

    /// <summary>A different staff member reviewed the contest and upheld the complaint (the reason).</summary>
    ContestUpheld,

    /// <summary>A different staff member reviewed the contest and kept the rejection (the reason).</summary>
    ContestTurnedDown,

    /// <summary>Staff revoked the complainant's tracking link and sent them a new one.</summary>
    TrackingReissued,

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

    /// <summary>
    /// The conversation between the two outside parties, which the advertiser reads on their ACE page: their own messages
    /// to the complainant and the complainant's replies. Everything else of the timeline stays with staff and the complainant.
    /// </summary>
    public bool VisibleToAdvertiser => !IsInternal && Kind is ComplaintEventKind.CooperationMessage or ComplaintEventKind.ComplainantReply;
}
