using AdPolicy.Web.Infrastructure;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Web.Data;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Storage;

/// <summary>Screenshots and documents uploaded with a form: staged first, kept only when the change they belong to is saved.</summary>
public sealed class CaseAttachments(EvidenceIntake intake, IOptions<UploadLimits> limits)
{
    public static readonly IReadOnlySet<FileKind> DocumentKinds = new HashSet<FileKind> { FileKind.Png, FileKind.Jpeg, FileKind.Pdf };

    public long MaxBytes => limits.Value.AttachmentMaxBytes;

    /// <summary>Stages the files; each refusal goes into <paramref name="errors"/> under <paramref name="field"/>.</summary>
    public async Task<Staged> StageAsync(IEnumerable<IFormFile> files, FieldErrors errors, string field, CancellationToken cancellationToken)
    {
        var staged = new Staged();
        foreach (var file in files)
        {
            var (blob, accepted, error) = await intake.StageAsync(file, DocumentKinds, limits.Value.AttachmentMaxBytes, cancellationToken);
            if (error is not null)
            {
                errors.Add(field, error);
            }
            else
            {
                staged.Add(blob!, accepted!);
            }
        }

        return staged;
    }

    /// <summary>
    /// A reviewer attaches files to an existing case (SPEC 5: reviewers can attach evidence to any case): staged, then
    /// kept and recorded on the case's timeline in one save. Returns the status line, or null with the refusals in
    /// <paramref name="errors"/> and nothing kept.
    /// </summary>
    public async Task<string?> AttachToCaseAsync(
        AppDbContext db,
        IReadOnlyList<IFormFile> files,
        FieldErrors errors,
        string field,
        CaseKind caseKind,
        Guid caseId,
        Guid organisationId,
        Actor staff,
        DateTimeOffset now,
        Action<string> recordOnTimeline,
        CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            errors.Add(field, Localisation.Words.Get("Choose the files to attach."));
            return null;
        }

        if (files.Count > limits.Value.MaxFilesPerUpload)
        {
            errors.Add(field, Localisation.Words.Format("Attach at most {0} files at a time.", limits.Value.MaxFilesPerUpload));
            return null;
        }

        await using var staged = await StageAsync(files, errors, field, cancellationToken);
        if (!errors.IsValid)
        {
            return null;
        }

        await staged.AttachAsync(db, caseKind, caseId, organisationId, staff, now, recordOnTimeline, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return staged.Count == 1 ? Localisation.Words.Get("1 file attached.") : Localisation.Words.Format("{0} files attached.", staged.Count);
    }

    public sealed class Staged : IAsyncDisposable
    {
        private readonly List<(StagedBlob Blob, AcceptedFile File)> _files = [];

        public int Count => _files.Count;

        public void Add(StagedBlob blob, AcceptedFile file) => _files.Add((blob, file));

        /// <summary>Keeps the bytes and adds one evidence row per file to <paramref name="db"/> (saved with the caller's change).</summary>
        public async Task AttachAsync(
            AppDbContext db,
            CaseKind caseKind,
            Guid caseId,
            Guid organisationId,
            Actor actor,
            DateTimeOffset now,
            Action<string> recordOnTimeline,
            CancellationToken cancellationToken,
            bool visibleToComplainant = false)
        {
            foreach (var (blob, file) in _files)
            {
                await blob.CommitAsync(cancellationToken);
                db.EvidenceFiles.Add(EvidenceFile.Attach(caseKind, caseId, organisationId, file.FileName, file.Kind, file.Size, file.Sha256, actor, now, visibleToComplainant));
                recordOnTimeline(file.FileName);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (blob, _) in _files)
            {
                await blob.DisposeAsync();
            }
        }
    }
}
