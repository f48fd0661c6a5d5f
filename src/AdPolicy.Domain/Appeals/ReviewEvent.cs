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

    internal ReviewEvent(Guid reviewRequestId, int sequence, ReviewEventKind kind, Actor actor, DateTimeOffset at, ReviewStatus? from, ReviewStatus? to, string? text, string? changes)
        : base(sequence, kind, actor, at, from, to, text)
    {
        ReviewRequestId = reviewRequestId;
        Changes = changes;
    }

    public Guid ReviewRequestId { get; private set; }

    /// <summary>Field changes as "field: from → to" lines, for the audit trail.</summary>
    public string? Changes { get; private set; }
}
