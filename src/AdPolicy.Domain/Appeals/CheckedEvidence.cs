using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Appeals;

/// <summary>
/// What an evidence item's file is judged by, for the current file (<see cref="ReviewEvidenceItem"/>) and each earlier
/// one (<see cref="ReviewEvidenceVersion"/>) alike: the file, who attached it and when, its automatic check, and the
/// reviewer's verdict (who, when, note).
/// </summary>
public abstract class CheckedEvidence
{
    /// <summary>The file checked for this item: the order list, video or certificate; for data security, the logistics list.</summary>
    public Guid? EvidenceFileId { get; protected set; }

    /// <summary>Data security only: the document proving the business model or permission.</summary>
    public Guid? SupportingFileId { get; protected set; }

    public DateTimeOffset? AttachedAt { get; protected set; }

    public string? AttachedByName { get; protected set; }

    /// <summary>Null until a file is attached and checked.</summary>
    public bool? CheckPassed { get; protected set; }

    /// <summary>What the check measured, for the reviewer, as older rows said it in English; newer rows keep <see cref="CheckMeasured"/>.</summary>
    public string? CheckSummary { get; protected set; }

    /// <summary>What is missing, one English sentence a line, as older rows kept it; newer rows keep <see cref="CheckFound"/>.</summary>
    public string? CheckFindings { get; protected set; }

    /// <summary>What the check measured, for the reviewer, as facts.</summary>
    public IReadOnlyList<Fact>? CheckMeasured { get; protected set; }

    /// <summary>What is missing, as facts; null when the check passed.</summary>
    public IReadOnlyList<Fact>? CheckFound { get; protected set; }

    public ReviewVerdict Verdict { get; protected set; }

    public string? VerdictNote { get; protected set; }

    public Guid? ReviewedById { get; protected set; }

    public string? ReviewedByName { get; protected set; }

    public DateTimeOffset? ReviewedAt { get; protected set; }

    /// <summary>What is missing, for a sentence: facts, or the English sentences an older row kept.</summary>
    public IReadOnlyList<object> Findings =>
        CheckFound is { Count: > 0 } found ? [.. found] : string.IsNullOrEmpty(CheckFindings) ? [] : CheckFindings.Split('\n');

    /// <summary>What the check measured, for a sentence: facts, or the English an older row kept.</summary>
    public IReadOnlyList<object> Measured =>
        CheckMeasured is { Count: > 0 } measured ? [.. measured] : CheckSummary is null ? [] : [CheckSummary];

    /// <summary>Gives the item a new check's outcome (older rows' sentences are cleared).</summary>
    protected void Checked(EvidenceCheckResult result)
    {
        CheckPassed = result.Passed;
        CheckMeasured = result.Summary;
        CheckFound = result.Passed ? null : result.Findings;
        CheckSummary = null;
        CheckFindings = null;
    }

    /// <summary>Takes every field of <paramref name="other"/> as it is now.</summary>
    protected void CopyFrom(CheckedEvidence other)
    {
        EvidenceFileId = other.EvidenceFileId;
        SupportingFileId = other.SupportingFileId;
        AttachedAt = other.AttachedAt;
        AttachedByName = other.AttachedByName;
        CheckPassed = other.CheckPassed;
        CheckSummary = other.CheckSummary;
        CheckFindings = other.CheckFindings;
        CheckMeasured = other.CheckMeasured;
        CheckFound = other.CheckFound;
        Verdict = other.Verdict;
        VerdictNote = other.VerdictNote;
        ReviewedById = other.ReviewedById;
        ReviewedByName = other.ReviewedByName;
        ReviewedAt = other.ReviewedAt;
    }
}
