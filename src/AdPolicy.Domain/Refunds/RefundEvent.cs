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
/// One line of a refund case's timeline and audit trail: who, when, what, and the status it moved from and to.
/// Append-only: the database refuses updates and deletes of these rows.
/// </summary>
public sealed class RefundEvent
{
    private RefundEvent()
    {
        ActorName = string.Empty;
    }

    internal RefundEvent(Guid refundRequestId, int sequence, RefundEventKind kind, Actor actor, DateTimeOffset at, RefundStatus? from, RefundStatus? to, string? text, string? changes, bool isInternal)
    {
        Id = Guid.CreateVersion7(at);
        RefundRequestId = refundRequestId;
        Sequence = sequence;
        Kind = kind;
        ActorId = actor.UserId;
        ActorName = actor.DisplayName;
        ActorKind = actor.Kind;
        At = at;
        FromStatus = from;
        ToStatus = to;
        Text = text;
        Changes = changes;
        IsInternal = isInternal;
    }

    public Guid Id { get; private set; }

    public Guid RefundRequestId { get; private set; }

    /// <summary>The event's place in its case's timeline (1, 2, …): events of one action share a time but not a place.</summary>
    public int Sequence { get; private set; }

    public RefundEventKind Kind { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public DateTimeOffset At { get; private set; }

    public RefundStatus? FromStatus { get; private set; }

    public RefundStatus? ToStatus { get; private set; }

    /// <summary>What the person wrote (question, answer, reason), if anything.</summary>
    public string? Text { get; private set; }

    /// <summary>Field changes as "field: from → to" lines, for the audit trail.</summary>
    public string? Changes { get; private set; }

    /// <summary>Staff only: never shown to the advertiser.</summary>
    public bool IsInternal { get; private set; }
}
