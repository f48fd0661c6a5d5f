using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Refunds;

public enum RefundEventKind
{
    Filed,
    Claimed,
    Assigned,
    InformationRequested,
    InformationProvided,
    FollowedUp,
    StaffReplied,
    InternalNote,
    Approved,
    PartiallyApproved,
    Denied,
    Disputed,
    Refunded,
    Withdrawn,
    AttachmentAdded,
}

/// <summary>
/// One line of a refund case's timeline and audit trail (see <see cref="TimelineEvent{TKind, TStatus}"/>), with the
/// field changes the audit trail shows and whether it is for staff only.
/// Append-only: the database refuses updates and deletes of these rows.
/// </summary>
public sealed class RefundEvent : TimelineEvent<RefundEventKind, RefundStatus>
{
    private RefundEvent()
    {
    }

    internal RefundEvent(Guid refundRequestId, int sequence, RefundEventKind kind, Actor actor, DateTimeOffset at, RefundStatus? from, RefundStatus? to, string? text, EventValues? values, bool isInternal)
        : base(sequence, kind, actor, at, from, to, text, values)
    {
        RefundRequestId = refundRequestId;
        IsInternal = isInternal;
    }

    public Guid RefundRequestId { get; private set; }

    /// <summary>Field changes as "field: from → to" lines, kept from rows written before events stored their <see cref="TimelineEvent{TKind, TStatus}.Values"/>.</summary>
    public string? Changes { get; private set; }

    /// <summary>Staff only: never shown to the advertiser.</summary>
    public bool IsInternal { get; private set; }
}
