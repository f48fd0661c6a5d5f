using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Appeals;
using AdPolicy.Web.Evidence;
using Xunit;

namespace AdPolicy.Web.Tests.Evidence;

public sealed class FileSnifferTests : IDisposable
{
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    private readonly EvidenceFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static async Task<FileKind?> SniffFile(string path)
    {
        await using var stream = File.OpenRead(path);
        return await FileSniffer.SniffAsync(stream, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task PngRenamedPdf_IsSniffedAsPng()
    {
        var path = _files.Write("certificate.pdf", PngBytes);

        var kind = await SniffFile(path);

        Assert.Equal(FileKind.Png, kind);
        Assert.Equal(
            "This file is a PNG image, but an MP4 video or a QuickTime video is needed here.",
            FileSniffer.Problem(kind, FileSniffer.AcceptedFor(EvidenceFormat.Video)));
    }

    [Fact]
    public async Task CsvRenamedMp4_IsText_AndRefusedForAVideoItem()
    {
        var kind = await SniffFile(_files.Write("video.mp4", "order_id,order_date\nA-1,2026-01-01\n"));

        Assert.Equal(FileKind.Text, kind);
        Assert.NotNull(FileSniffer.Problem(kind, FileSniffer.AcceptedFor(EvidenceFormat.Video)));
        Assert.Null(FileSniffer.Problem(kind, FileSniffer.AcceptedFor(EvidenceFormat.OrderList)));
    }

    [Fact]
    public async Task Mp4AndQuickTime_AreSniffedFromTheirFtypBox()
    {
        Assert.Equal(FileKind.Mp4, await SniffFile(_files.Mp4("a.txt", 1000, 10_000)));
        Assert.Equal(FileKind.QuickTime, await SniffFile(_files.Mp4("b.txt", 1000, 10_000, brand: "qt  ")));
    }

    [Fact]
    public void QuickTimeWithoutFtyp_IsSniffedFromItsFirstBox()
    {
        var moov = EvidenceFiles.Box("moov", EvidenceFiles.MovieHeader(600, 6000, 0));

        Assert.Equal(FileKind.QuickTime, FileSniffer.Sniff(moov));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, FileKind.Jpeg)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, FileKind.Pdf)]
    [InlineData(new byte[] { 0x41, 0x2C, 0x42, 0x0D, 0x0A }, FileKind.Text)]
    public void Signatures_AreRecognised(byte[] head, FileKind expected)
    {
        Assert.Equal(expected, FileSniffer.Sniff(head));
    }

    [Fact]
    public void Utf8Text_CutMidCharacterAtTheEndOfTheHead_IsStillText()
    {
        var bytes = "pedido,año"u8.ToArray();

        Assert.Equal(FileKind.Text, FileSniffer.Sniff(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Theory]
    [InlineData(new byte[] { 0x41, 0x00, 0x42 })]
    [InlineData(new byte[] { 0x41, 0xE9, 0x42, 0x43, 0x44 })]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x03 })]
    [InlineData(new byte[0])]
    public void BinaryEmptyOrNonUtf8_IsNoKindWeAccept(byte[] head)
    {
        Assert.Null(FileSniffer.Sniff(head));
    }

    [Fact]
    public void UnknownContent_ExplainsWhatIsNeeded()
    {
        Assert.Equal(
            "This file is empty or of a type we do not accept; a PDF document or a PNG image or a JPEG image is needed here.",
            FileSniffer.Problem(null, FileSniffer.AcceptedDocuments));
    }

    [Fact]
    public async Task SniffAsync_LeavesASeekableStreamWhereItWas()
    {
        await using var stream = File.OpenRead(_files.Write("x.png", PngBytes));

        await FileSniffer.SniffAsync(stream, TestContext.Current.CancellationToken);

        Assert.Equal(0, stream.Position);
    }
}

public class FileNameSanitiserTests
{
    [Theory]
    [InlineData("../../etc/passwd", "A file name cannot contain \"..\".")]
    [InlineData("..\\boot.ini", "A file name cannot contain \"..\".")]
    [InlineData("orders/february.csv", "A file name cannot contain a path separator (/, \\ or :).")]
    [InlineData("C:\\orders.csv", "A file name cannot contain a path separator (/, \\ or :).")]
    [InlineData("orders\u0000.csv", "A file name cannot contain control characters or invisible formatting marks.")]
    [InlineData("orders\n.csv", "A file name cannot contain control characters or invisible formatting marks.")]
    [InlineData("invoice\u202Efdp.exe", "A file name cannot contain control characters or invisible formatting marks.")]
    [InlineData("   ", "The file has no name.")]
    public void UnsafeNames_AreRefusedWithAReason(string name, string expected)
    {
        Assert.Equal(expected, FileNameSanitiser.Problem(name));
        Assert.Throws<ArgumentException>(() => FileNameSanitiser.Clean(name));
    }

    [Theory]
    [InlineData("Orders February 2026.csv")]
    [InlineData("pedidos_año.v2.csv")]
    [InlineData("unboxing (1).mp4")]
    public void OrdinaryNames_AreAccepted(string name)
    {
        Assert.Null(FileNameSanitiser.Problem(name));
        Assert.Equal(name, FileNameSanitiser.Clean($" {name} "));
    }

    [Fact]
    public void OverlongName_IsRefused()
    {
        Assert.Equal("A file name can be at most 200 characters long.", FileNameSanitiser.Problem(new string('a', 197) + ".csv"));
    }
}
