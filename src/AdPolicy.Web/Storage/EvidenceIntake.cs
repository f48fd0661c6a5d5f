using AdPolicy.Domain.Evidence;
using AdPolicy.Web.Evidence;

namespace AdPolicy.Web.Storage;

public sealed record AcceptedFile(string FileName, FileKind Kind, long Size, string Sha256);

/// <summary>
/// Takes an uploaded file into the evidence store after checking its name, its size while it streams,
/// and its real type from its bytes. Refusals are sentences for the form field.
/// </summary>
public sealed class EvidenceIntake(IEvidenceStore store)
{
    public async Task<(StagedBlob? Blob, AcceptedFile? File, string? Error)> StageAsync(
        IFormFile file,
        IReadOnlySet<FileKind> allowed,
        long maxBytes,
        CancellationToken cancellationToken)
    {
        if (FileNameSanitiser.Problem(file.FileName) is null && file.Length > maxBytes)
        {
            return (null, null, Localisation.Words.Format("\"{0}\" is larger than the {1} MB allowed.", file.FileName, Megabytes(maxBytes)));
        }

        await using var stream = file.OpenReadStream();
        return await StageAsync(file.FileName, stream, allowed, maxBytes, cancellationToken);
    }

    /// <summary>
    /// Streams <paramref name="content"/> into the store (never whole in memory), refusing it as soon as it passes
    /// <paramref name="maxBytes"/>; then judges its kind from its first bytes. Nothing is kept on a refusal.
    /// </summary>
    public async Task<(StagedBlob? Blob, AcceptedFile? File, string? Error)> StageAsync(
        string? fileName,
        Stream content,
        IReadOnlySet<FileKind> allowed,
        long maxBytes,
        CancellationToken cancellationToken)
    {
        if (FileNameSanitiser.Problem(fileName) is { } nameError)
        {
            return (null, null, nameError);
        }

        StagedBlob blob;
        try
        {
            blob = await store.StageAsync(content, maxBytes, cancellationToken);
        }
        catch (EvidenceTooLargeException tooLarge)
        {
            return (null, null, $"\"{fileName}\": {tooLarge.Message}");
        }

        if (blob.Size == 0)
        {
            await blob.DisposeAsync();
            return (null, null, Localisation.Words.Format("\"{0}\" is empty.", fileName ?? string.Empty));
        }

        var kind = FileSniffer.Sniff(blob.Head);
        if (kind is null || !allowed.Contains(kind.Value))
        {
            await blob.DisposeAsync();
            return (null, null, Localisation.Words.Format("\"{0}\" is not a {1} file: its content is something else.", fileName ?? string.Empty, Describe(allowed)));
        }

        return (blob, new AcceptedFile(FileNameSanitiser.Clean(fileName), kind.Value, blob.Size, blob.Sha256), null);
    }

    public static long Megabytes(long bytes) => bytes / (1024 * 1024);

    public static string Describe(IReadOnlySet<FileKind> kinds)
    {
        var names = kinds.Select(k => k switch
        {
            FileKind.Png => "PNG",
            FileKind.Jpeg => "JPEG",
            FileKind.Pdf => "PDF",
            FileKind.Mp4 => "MP4",
            FileKind.QuickTime => "QuickTime",
            FileKind.Text => "CSV",
            _ => k.ToString(),
        }).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " " + Localisation.Words.Get("or") + " " + names[^1];
    }
}
