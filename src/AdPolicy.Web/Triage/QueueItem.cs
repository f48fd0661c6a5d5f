using AdPolicy.Domain.Evidence;

namespace AdPolicy.Web.Triage;

/// <summary>
/// One open case in the staff queue, whatever its kind. Kept in step with its case by <see cref="QueueProjection"/>
/// inside the same SaveChanges, and removed when the case closes, so the queue is one table with one set of indexes.
/// </summary>
public sealed class QueueItem
{
    /// <summary>Queue position tie-breaker for keyset paging.</summary>
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    public CaseKind Kind { get; set; }

    public string Reference { get; set; } = string.Empty;

    public Guid OrganisationId { get; set; }

    /// <summary>What the case is about: a campaign id, a complaint category.</summary>
    public string Subject { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    /// <summary>Refund reason, complaint type, appeal issue type.</summary>
    public string? Reason { get; set; }

    public Guid? AssigneeId { get; set; }

    public string? AssigneeName { get; set; }

    public DateTimeOffset FiledAt { get; set; }

    /// <summary>When staff owe the next step; null while the clock is paused (waiting on the advertiser).</summary>
    public DateTimeOffset? ClockDueAt { get; set; }

    /// <summary><see cref="ClockDueAt"/>, or far in the future when paused, so "soonest due" is one index order.</summary>
    public DateTimeOffset SortDue { get; set; }

    public int FollowUpCount { get; set; }

    public DateTimeOffset? LastFollowUpAt { get; set; }

    /// <summary>An ACE complaint whose deadline fell due before anyone reviewed it.</summary>
    public bool OverdueForReview { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static readonly DateTimeOffset NoClock = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead of every clock an overdue-for-review complaint sorts (SPEC 5: it rises to the top).</summary>
    public static readonly TimeSpan OverdueForReviewLead = TimeSpan.FromDays(365_000);

    /// <summary>
    /// The default order's key: complaints overdue for review first (among them, the one overdue longest), then every
    /// other case by time left, paused clocks last. One column, so the order stays one index scan with keyset paging.
    /// </summary>
    public static DateTimeOffset SortKey(DateTimeOffset? clockDueAt, bool overdueForReview, DateTimeOffset filedAt) =>
        overdueForReview ? (clockDueAt ?? filedAt) - OverdueForReviewLead : clockDueAt ?? NoClock;
}
