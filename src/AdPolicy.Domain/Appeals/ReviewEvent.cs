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
    Resubmitted,
    Approved,
    Denied,
    Withdrawn,
}

/// <summary>One line of an appeal's timeline and audit trail (see <see cref="TimelineEvent{TKind, TStatus}"/>).</summary>
public sealed class ReviewEvent : TimelineEvent<ReviewEventKind, ReviewStatus>
{
    private ReviewEvent()
    {
    }

    internal ReviewEvent(Guid reviewRequestId, int sequence, ReviewEventKind kind, Actor actor, DateTimeOffset at, ReviewStatus? from, ReviewStatus? to, string? text, EventValues? values)
        : base(sequence, kind, actor, at, from, to, text, values)
    {
        ReviewRequestId = reviewRequestId;
    }

    public Guid ReviewRequestId { get; private set; }

    /// <summary>Field changes as "field: from → to" lines, for the audit trail.</summary>
    /// <summary>Field changes as "field: from → to" lines, kept from rows written before events stored their <see cref="TimelineEvent{TKind, TStatus}.Values"/>.</summary>
    public string? Changes { get; private set; }
}
