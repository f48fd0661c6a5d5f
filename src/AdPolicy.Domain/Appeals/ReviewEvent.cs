using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Appeals;

public enum ReviewEventKind
{
    Created,
    EvidenceAttached,
    Submitted,
    Claimed,
    Assigned,
    ItemReviewed,
    Approved,
    Denied,
    Withdrawn,
}

/// <summary>One line of an appeal's timeline and audit trail: who, when, what, and the status it moved from and to.</summary>
public sealed class ReviewEvent
{
    private ReviewEvent()
    {
        ActorName = string.Empty;
    }

    internal ReviewEvent(Guid reviewRequestId, int sequence, ReviewEventKind kind, Actor actor, DateTimeOffset at, ReviewStatus? from, ReviewStatus? to, string? text, string? changes)
    {
        Id = Guid.CreateVersion7(at);
        ReviewRequestId = reviewRequestId;
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
    }

    public Guid Id { get; private set; }

    public Guid ReviewRequestId { get; private set; }

    /// <summary>The event's place in its case's timeline (1, 2, …): events of one action share a time but not a place.</summary>
    public int Sequence { get; private set; }

    public ReviewEventKind Kind { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public DateTimeOffset At { get; private set; }

    public ReviewStatus? FromStatus { get; private set; }

    public ReviewStatus? ToStatus { get; private set; }

    /// <summary>What the person wrote (statement, note, reason), if anything.</summary>
    public string? Text { get; private set; }

    /// <summary>Field changes as "field: from → to" lines, for the audit trail.</summary>
    public string? Changes { get; private set; }
}
