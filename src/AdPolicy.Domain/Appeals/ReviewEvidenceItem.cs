using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Appeals;

public enum ReviewVerdict
{
    None,
    Accepted,
    Rejected,
}

/// <summary>
/// One line of an appeal's evidence checklist: the file attached for it (its current version), the automatic check's
/// result and the reviewer's verdict. A new file keeps the one it replaces, with its result and verdict, as an earlier
/// <see cref="ReviewEvidenceVersion"/> (the fields both have are <see cref="CheckedEvidence"/>'s). Changed only through <see cref="ReviewRequest"/>.
/// </summary>
public sealed class ReviewEvidenceItem : CheckedEvidence
{
    private readonly List<ReviewEvidenceVersion> _earlierVersions = [];

    private ReviewEvidenceItem()
    {
    }

    internal ReviewEvidenceItem(Guid reviewRequestId, EvidenceKind kind, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        ReviewRequestId = reviewRequestId;
        Kind = kind;
    }

    public Guid Id { get; private set; }

    public Guid ReviewRequestId { get; private set; }

    public EvidenceKind Kind { get; private set; }

    public string? CertificateAuthority { get; private set; }

    public string? CertificateNumber { get; private set; }

    public DateOnly? CertificateValidFrom { get; private set; }

    public DateOnly? CertificateValidTo { get; private set; }

    /// <summary>Data security only: what the business document proves, in the advertiser's words.</summary>
    public string? DocumentDescription { get; private set; }

    /// <summary>How many files this item has had; the current one is this version (0: none yet).</summary>
    public int VersionNumber { get; private set; }

    /// <summary>
    /// The reviewer rejected this item and the next move is the advertiser's: replace its file. Stays set through the
    /// advertiser's replacements until they resubmit the appeal.
    /// </summary>
    public bool ReplacementRequested { get; private set; }

    /// <summary>The files this item had before the current one, with their results and verdicts, oldest first (append-only).</summary>
    public IReadOnlyList<ReviewEvidenceVersion> EarlierVersions => _earlierVersions;

    public bool HasFile => EvidenceFileId is not null;

    /// <summary>The certificate as entered, when this item is a certificate that has been attached.</summary>
    public CertificateFacts? Certificate => CertificateValidFrom is { } from
        ? new CertificateFacts(CertificateAuthority, CertificateNumber, from, CertificateValidTo)
        : null;

    internal void Attach(Guid fileId, Guid? supportingFileId, EvidenceDetails details, EvidenceCheckResult result, Actor actor, DateTimeOffset now)
    {
        if (HasFile)
        {
            _earlierVersions.Add(new ReviewEvidenceVersion(this, now));
        }

        VersionNumber++;
        EvidenceFileId = fileId;
        SupportingFileId = supportingFileId;
        CertificateAuthority = Clip(details.Certificate?.Authority);
        CertificateNumber = Clip(details.Certificate?.Number);
        CertificateValidFrom = details.Certificate?.ValidFrom;
        CertificateValidTo = details.Certificate?.ValidTo;
        DocumentDescription = Clip(details.DocumentDescription, EvidenceDetails.DescriptionMaxLength);
        AttachedAt = now;
        AttachedByName = actor.DisplayName;
        Checked(result);

        // A new file has not been looked at yet, whatever the reviewer said about the old one.
        Verdict = ReviewVerdict.None;
        VerdictNote = null;
        ReviewedById = null;
        ReviewedByName = null;
        ReviewedAt = null;
    }

    internal void Review(ReviewVerdict verdict, string? note, Actor reviewer, DateTimeOffset now)
    {
        Verdict = verdict;
        VerdictNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ReviewedById = reviewer.UserId;
        ReviewedByName = reviewer.DisplayName;
        ReviewedAt = now;
        ReplacementRequested = verdict == ReviewVerdict.Rejected;
    }

    /// <summary>The advertiser sent the appeal back to the reviewers: the replacement is theirs to judge now.</summary>
    internal void ReplacementSent() => ReplacementRequested = false;

    private static string? Clip(string? text, int max = EvidenceDetails.FieldMaxLength)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length <= max ? trimmed : trimmed[..max];
    }
}

/// <summary>What the uploader entered with an evidence file, kept with the checklist item.</summary>
/// <param name="Certificate">A certificate's authority, number and validity dates.</param>
/// <param name="DocumentDescription">Data security: what the business document proves.</param>
public sealed record EvidenceDetails(CertificateFacts? Certificate = null, string? DocumentDescription = null)
{
    public const int FieldMaxLength = 200;

    public const int DescriptionMaxLength = 2000;

    public static EvidenceDetails None { get; } = new();
}
