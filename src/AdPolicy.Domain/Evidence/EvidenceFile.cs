using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Evidence;

/// <summary>What a stored file really is, judged from its bytes.</summary>
public enum FileKind
{
    Png,
    Jpeg,
    Pdf,
    Mp4,
    QuickTime,

    /// <summary>UTF-8 text with no control bytes: the order lists (CSV).</summary>
    Text,
}

/// <summary>The case a file belongs to; download rights follow the case.</summary>
public enum CaseKind
{
    RefundRequest,
    AceComplaint,
    ReviewRequest,
}

/// <summary>
/// An uploaded file attached to a case. The bytes live in the evidence store under their SHA-256,
/// so the same file uploaded twice is stored once; this row records who attached it where.
/// </summary>
public sealed class EvidenceFile
{
    private EvidenceFile()
    {
        FileName = Sha256 = UploadedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public CaseKind CaseKind { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>The advertiser organisation the case concerns.</summary>
    public Guid OrganisationId { get; private set; }

    public string FileName { get; private set; }

    public FileKind Kind { get; private set; }

    public long SizeBytes { get; private set; }

    public string Sha256 { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public Guid? UploadedById { get; private set; }

    public string UploadedByName { get; private set; }

    public ActorKind UploadedByKind { get; private set; }

    /// <summary>Shared with the complainant on the tracking page (cooperation evidence).</summary>
    public bool VisibleToComplainant { get; private set; }

    public string ContentType => ContentTypeOf(Kind);

    public static EvidenceFile Attach(
        CaseKind caseKind,
        Guid caseId,
        Guid organisationId,
        string fileName,
        FileKind kind,
        long sizeBytes,
        string sha256,
        Actor uploadedBy,
        DateTimeOffset now,
        bool visibleToComplainant = false)
    {
        DomainRuleException.Check(sizeBytes > 0, RuleCodes.EvidenceEmpty, $"The file is empty.");
        DomainRuleException.Check(sha256.Length == 64, RuleCodes.EvidenceHash, $"A stored file is identified by its SHA-256.");
        return new EvidenceFile
        {
            Id = Guid.CreateVersion7(now),
            CaseKind = caseKind,
            CaseId = caseId,
            OrganisationId = organisationId,
            FileName = fileName,
            Kind = kind,
            SizeBytes = sizeBytes,
            Sha256 = sha256,
            UploadedAt = now,
            UploadedById = uploadedBy.UserId,
            UploadedByName = uploadedBy.DisplayName,
            UploadedByKind = uploadedBy.Kind,
            VisibleToComplainant = visibleToComplainant,
        };
    }

    public static string ContentTypeOf(FileKind kind) => kind switch
    {
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Pdf => "application/pdf",
        FileKind.Mp4 => "video/mp4",
        FileKind.QuickTime => "video/quicktime",
        FileKind.Text => "text/csv",
        _ => "application/octet-stream",
    };
}
