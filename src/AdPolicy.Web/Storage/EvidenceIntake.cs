using AdPolicy.Domain.Evidence;

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
        if (FileNames.Check(file.FileName) is { } nameError)
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

        var kind = ContentSniffer.Sniff(blob.Head);
        if (kind is null || !allowed.Contains(kind.Value))
        {
            await blob.DisposeAsync();
            return (null, null, $"\"{file.FileName}\" is not a {Describe(allowed)} file: its content is something else.");
        }

        return (blob, new AcceptedFile(FileNames.Clean(file.FileName), kind.Value, blob.Size, blob.Sha256), null);
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
            FileKind.Csv => "CSV",
            _ => k.ToString(),
        }).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}

/// <summary>What a file is, from its first bytes only.</summary>
public static class ContentSniffer
{
    public static FileKind? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return FileKind.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return FileKind.Jpeg;
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return FileKind.Pdf;
        }

        return null;
    }
}

public static class FileNames
{
    /// <summary>Null when the name is acceptable; otherwise why not.</summary>
    public static string? Check(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "The file has no name.";
        }

        if (name.Length > 255)
        {
            return "The file name is longer than 255 characters.";
        }

        if (name.Contains("..", StringComparison.Ordinal) || name.IndexOfAny(['/', '\\']) >= 0)
        {
            return $"The file name \"{Printable(name)}\" contains a path; upload the file under its plain name.";
        }

        if (name.Any(char.IsControl))
        {
            return $"The file name \"{Printable(name)}\" contains control characters.";
        }

        return null;
    }

    public static string Clean(string name) => Path.GetFileName(name.Trim());

    private static string Printable(string name) => new(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
