using AdPolicy.Domain.Policy;
using AdPolicy.Web.Evidence;
using AdPolicy.Web.Tests.Infrastructure;
using Xunit;

namespace AdPolicy.Web.Tests.Evidence;

public sealed class VideoInspectorTests : IDisposable
{
    private readonly EvidenceFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void NineAndAHalfSecondVideo_FailsTheCheck()
    {
        var path = _files.Mp4("unboxing.mp4", timescale: 1000, duration: 9500);

        using var stream = File.OpenRead(path);
        var result = VideoInspector.Check(stream, PolicySettings.Defaults);

        Assert.False(result.Passed);
        Assert.Equal("The video lasts 9.5 seconds; it must last at least 10 seconds.", Assert.Single(English.Of(result.Findings)));
    }

    [Fact]
    public void TenSecondVideo_PassesTheCheck()
    {
        var path = _files.Mp4("stock.mp4", timescale: 600, duration: 6000);

        using var stream = File.OpenRead(path);
        var result = VideoInspector.Check(stream, PolicySettings.Defaults);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal("The video lasts 10 seconds.", English.Joined(result.Summary));
    }

    [Theory]
    [InlineData((byte)0, 90_000u, 855_000ul, 9.5)]
    [InlineData((byte)1, 90_000u, 900_000ul, 10.0)]
    [InlineData((byte)1, 1_000u, 5_000_000_000ul, 5_000_000.0)]
    public void Duration_IsReadFromTheMovieHeader_InBothVersions(byte version, uint timescale, ulong duration, double seconds)
    {
        var path = _files.Mp4("clip.mp4", timescale, duration, version);

        using var stream = File.OpenRead(path);
        var inspection = VideoInspector.Inspect(stream);

        Assert.Null(inspection.Error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), inspection.Facts!.Duration);
    }

    [Fact]
    public void MovieHeaderAfterLargeMediaData_IsFoundWithoutReadingTheMedia()
    {
        const long mediaBytes = 300L * 1024 * 1024;
        var path = _files.Mp4("long.mov", timescale: 600, duration: 7200, mediaBytes: mediaBytes, moovAtEnd: true, brand: "qt  ");

        using var stream = new CountingStream(File.OpenRead(path));
        var inspection = VideoInspector.Inspect(stream);

        Assert.Equal(TimeSpan.FromSeconds(12), inspection.Facts?.Duration);
        Assert.True(stream.BytesRead < 4096, $"read {stream.BytesRead} bytes of a {mediaBytes}-byte media box");
    }

    [Fact]
    public void NonSeekableStream_IsReadToo()
    {
        var path = _files.Mp4("upload.mp4", timescale: 1000, duration: 11_000, mediaBytes: 100_000, moovAtEnd: true);
        using var pipe = new NonSeekable(File.ReadAllBytes(path));

        Assert.Equal(TimeSpan.FromSeconds(11), VideoInspector.Inspect(pipe).Facts?.Duration);
    }

    [Fact]
    public void FileWithoutMovieHeader_SaysSo()
    {
        var path = _files.Write("nomoov.mp4", EvidenceFiles.Box("ftyp", [.. "isom"u8, 0, 0, 0, 0]));

        using var stream = File.OpenRead(path);
        var inspection = VideoInspector.Inspect(stream);

        Assert.Null(inspection.Facts);
        Assert.StartsWith("The video has no movie header (moov box)", English.Of(inspection.Error), StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedFile_SaysItIsCutShort()
    {
        var whole = File.ReadAllBytes(_files.Mp4("whole.mp4", 1000, 10_000, mediaBytes: 5000));
        var path = _files.Write("cut.mp4", whole[..(whole.Length - 100)]);

        using var stream = File.OpenRead(path);
        var inspection = VideoInspector.Inspect(stream);

        // The moov comes first here, so the duration is still readable; cut inside the moov instead.
        Assert.NotNull(inspection.Facts);
        var cut = _files.Write("cut-moov.mp4", whole[..40]);
        using var cutStream = File.OpenRead(cut);
        Assert.StartsWith("The video file is cut short.", English.Of(VideoInspector.Inspect(cutStream).Error), StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroTimescale_IsRefused()
    {
        var path = _files.Mp4("zero.mp4", timescale: 0, duration: 100);

        using var stream = File.OpenRead(path);

        Assert.Equal("The video's header does not say how long it is; export it again as MP4.", English.Of(VideoInspector.Inspect(stream).Error));
    }

    [Fact]
    public void TextFile_IsNotAVideo()
    {
        var path = _files.Write("notes.mp4", "order_id,order_date\n1,2026-01-01\n");

        using var stream = File.OpenRead(path);
        var result = VideoInspector.Check(stream, PolicySettings.Defaults);

        Assert.False(result.Passed);
        Assert.Contains("MP4", English.Of(result.Findings)[0], StringComparison.Ordinal);
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
