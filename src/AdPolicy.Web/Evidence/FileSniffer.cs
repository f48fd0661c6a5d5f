using System.Buffers;
using System.Text;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Evidence;

namespace AdPolicy.Web.Evidence;

/// <summary>
/// Identifies what a file really is from its first bytes, never from its name or the content type the browser declared.
/// </summary>
public static class FileSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff(ReadOnlySpan{byte})"/> looks at.</summary>
    public const int HeadLength = 4096;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PdfSignature = "%PDF-"u8.ToArray();

    // Top-level boxes an old QuickTime file may start with when it has no ftyp box.
    private static readonly string[] QuickTimeFirstBoxes = ["moov", "mdat", "wide", "free", "skip"];

    private static readonly FileKind[] Documents = [FileKind.Pdf, FileKind.Png, FileKind.Jpeg];

    /// <summary>The file's kind, or null when it is empty or none we accept.</summary>
    /// <param name="head">The file's first bytes (up to <see cref="HeadLength"/>); a text file's last character may be cut.</param>
    public static FileKind? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return null;
        }

        if (head.StartsWith(PngSignature))
        {
            return FileKind.Png;
        }

        if (head.StartsWith(JpegSignature))
        {
            return FileKind.Jpeg;
        }

        if (head.StartsWith(PdfSignature))
        {
            return FileKind.Pdf;
        }

        if (SniffIsoBox(head) is { } video)
        {
            return video;
        }

        return IsText(head) ? FileKind.Text : null;
    }

    /// <summary>Reads the head of <paramref name="stream"/> and sniffs it; a seekable stream is put back where it was.</summary>
    public static async Task<FileKind?> SniffAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var start = stream.CanSeek ? stream.Position : 0;
        var buffer = ArrayPool<byte>.Shared.Rent(HeadLength);
        try
        {
            var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, HeadLength), HeadLength, throwOnEndOfStream: false, cancellationToken);
            return Sniff(buffer.AsSpan(0, read));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (stream.CanSeek)
            {
                stream.Position = start;
            }
        }
    }

    /// <summary>The file kinds an evidence item's main file may be.</summary>
    public static IReadOnlyList<FileKind> AcceptedFor(EvidenceFormat format) => format switch
    {
        EvidenceFormat.OrderList or EvidenceFormat.LogisticsAndBusinessDocument => [FileKind.Text],
        EvidenceFormat.Video => [FileKind.Mp4, FileKind.QuickTime],
        EvidenceFormat.Certificate => Documents,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown evidence format."),
    };

    /// <summary>The file kinds a certificate or business document may be.</summary>
    public static IReadOnlyList<FileKind> AcceptedDocuments => Documents;

    /// <summary>A sentence for the user when <paramref name="actual"/> is not one of <paramref name="accepted"/>; null when it is.</summary>
    public static string? Problem(FileKind? actual, IReadOnlyCollection<FileKind> accepted)
    {
        if (actual is { } kind && accepted.Contains(kind))
        {
            return null;
        }

        var wanted = string.Join(" or ", accepted.Select(Describe));
        return actual is { } other
            ? $"This file is {Describe(other)}, but {wanted} is needed here."
            : $"This file is empty or of a type we do not accept; {wanted} is needed here.";
    }

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Png => "a PNG image",
        FileKind.Jpeg => "a JPEG image",
        FileKind.Pdf => "a PDF document",
        FileKind.Mp4 => "an MP4 video",
        FileKind.QuickTime => "a QuickTime video",
        FileKind.Text => "a CSV or text file",
        _ => kind.ToString(),
    };

    /// <summary>The ISO base media (MP4) and QuickTime families: a box header (32-bit size, 4-letter type) at byte 0.</summary>
    private static FileKind? SniffIsoBox(ReadOnlySpan<byte> head)
    {
        if (head.Length < 8)
        {
            return null;
        }

        var size = (uint)(head[0] << 24 | head[1] << 16 | head[2] << 8 | head[3]);
        var type = Encoding.ASCII.GetString(head.Slice(4, 4));
        var plausibleSize = size is 0 or 1 or >= 8;
        if (type == "ftyp" && size >= 16 && head.Length >= 12)
        {
            return head.Slice(8, 4).SequenceEqual("qt  "u8) ? FileKind.QuickTime : FileKind.Mp4;
        }

        return plausibleSize && QuickTimeFirstBoxes.Contains(type) ? FileKind.QuickTime : null;
    }

    private static bool IsText(ReadOnlySpan<byte> head)
    {
        var rest = head;
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(rest, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.NeedMoreData)
            {
                // The head may end in the middle of a character.
                return rest.Length < 4;
            }

            if (status != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            if (rune.Value < 0x20 && rune.Value is not ('\t' or '\n' or '\r' or '\f'))
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }
}
