namespace AdPolicy.Domain.Appeals;

/// <summary>
/// A file an evidence item had before it was replaced, kept as it was: the file, who attached it and when, its automatic
/// check and the reviewer's verdict (who, when, note). Written once when the replacement arrives and never changed, so
/// the reviewer sees every round of the item.
/// </summary>
public sealed class ReviewEvidenceVersion : CheckedEvidence
{
    private ReviewEvidenceVersion()
    {
    }

    internal ReviewEvidenceVersion(ReviewEvidenceItem item, DateTimeOffset replacedAt)
    {
        Id = Guid.CreateVersion7(replacedAt);
        ItemId = item.Id;
        ReviewRequestId = item.ReviewRequestId;
        Number = item.VersionNumber;
        CopyFrom(item);
        ReplacedAt = replacedAt;
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    public Guid ReviewRequestId { get; private set; }

    /// <summary>1 for the item's first file, 2 for the one that replaced it, …</summary>
    public int Number { get; private set; }

    /// <summary>When the next file took its place.</summary>
    public DateTimeOffset ReplacedAt { get; private set; }
}
