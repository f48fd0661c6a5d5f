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
        if (FileNameSanitiser.Problem(file.FileName) is { } nameError)
        {
            return (null, null, nameError);
        }

        if (file.Length == 0)
        {
            return (null, null, $"\"{file.FileName}\" is empty.");
        }

        if (file.Length > maxBytes)
        {
            return (null, null, $"\"{file.FileName}\" is larger than the {maxBytes / (1024 * 1024)} MB allowed.");
        }

        StagedBlob blob;
        try
        {
            await using var stream = file.OpenReadStream();
            blob = await store.StageAsync(stream, maxBytes, cancellationToken);
        }
        catch (EvidenceTooLargeException tooLarge)
        {
            return (null, null, $"\"{file.FileName}\": {tooLarge.Message}");
        }

        var kind = FileSniffer.Sniff(blob.Head);
        if (kind is null || !allowed.Contains(kind.Value))
        {
            await blob.DisposeAsync();
            return (null, null, $"\"{file.FileName}\" is not a {Describe(allowed)} file: its content is something else.");
        }

        return (blob, new AcceptedFile(FileNameSanitiser.Clean(file.FileName), kind.Value, blob.Size, blob.Sha256), null);
    }

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
        return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}
