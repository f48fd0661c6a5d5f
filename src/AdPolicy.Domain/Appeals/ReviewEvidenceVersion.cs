namespace AdPolicy.Domain.Appeals;

/// <summary>
/// A file an evidence item had before it was replaced, kept as it was: the file, who attached it and when, its automatic
/// check and the reviewer's verdict (who, when, note). Written once when the replacement arrives and never changed, so
/// the reviewer sees every round of the item.
/// </summary>
public sealed class ReviewEvidenceVersion
{
    private ReviewEvidenceVersion()
    {
    }

    internal ReviewEvidenceVersion(ReviewEvidenceItem item, Guid fileId, DateTimeOffset replacedAt)
    {
        Id = Guid.CreateVersion7(replacedAt);
        ItemId = item.Id;
        ReviewRequestId = item.ReviewRequestId;
        Number = item.VersionNumber;
        EvidenceFileId = fileId;
        SupportingFileId = item.SupportingFileId;
        AttachedAt = item.AttachedAt;
        AttachedByName = item.AttachedByName;
        CheckPassed = item.CheckPassed;
        CheckSummary = item.CheckSummary;
        CheckFindings = item.CheckFindings;
        Verdict = item.Verdict;
        VerdictNote = item.VerdictNote;
        ReviewedById = item.ReviewedById;
        ReviewedByName = item.ReviewedByName;
        ReviewedAt = item.ReviewedAt;
        ReplacedAt = replacedAt;
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    public Guid ReviewRequestId { get; private set; }

    /// <summary>1 for the item's first file, 2 for the one that replaced it, …</summary>
    public int Number { get; private set; }

    public Guid EvidenceFileId { get; private set; }

    public Guid? SupportingFileId { get; private set; }

    public DateTimeOffset? AttachedAt { get; private set; }

    public string? AttachedByName { get; private set; }

    public bool? CheckPassed { get; private set; }

    public string? CheckSummary { get; private set; }

    public string? CheckFindings { get; private set; }

    public ReviewVerdict Verdict { get; private set; }

    public string? VerdictNote { get; private set; }

    public Guid? ReviewedById { get; private set; }

    public string? ReviewedByName { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    /// <summary>When the next file took its place.</summary>
    public DateTimeOffset ReplacedAt { get; private set; }

    public IReadOnlyList<string> Findings =>
        string.IsNullOrEmpty(CheckFindings) ? [] : CheckFindings.Split('\n');
}
