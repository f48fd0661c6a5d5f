using System.Net;
using System.Security.Cryptography;
using AdPolicy.Domain.Appeals;
using AdPolicy.Web.Storage;
using AdPolicy.Web.Tests.Appeals;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Evidence;

/// <summary>
/// The S3 evidence store against a real S3-compatible server (s3rver, started by the run): streamed multipart upload,
/// the content hash as the key, refusal mid-stream, ranged reads; and the app configured with it end to end.
/// </summary>
public sealed class S3EvidenceStoreTests(S3EvidenceStoreTests.S3App app, S3rverFixture s3rver) : IClassFixture<S3EvidenceStoreTests.S3App>, IDisposable
{
    private const int Megabyte = 1024 * 1024;
    private readonly EvidenceFiles _files = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFileOfSeveralParts_IsKeptUnderItsHash_AndReadsBackByteForByte()
    {
        var store = await StoreAsync();
        var content = RandomBytes(12 * Megabyte + 12345); // three 5 MB parts
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));

        await using (var staged = await store.StageAsync(new MemoryStream(content), 20 * Megabyte, Ct))
        {
            Assert.Equal(sha, staged.Sha256);
            Assert.Equal(content.Length, staged.Size);
            Assert.Equal(content[..4096], staged.Head);
            Assert.Single(await s3rver.ObjectsAsync(S3EvidenceStore.StagingPrefix), o => o.Size == content.Length);
            await staged.CommitAsync(Ct);
        }

        var kept = Assert.Single(await s3rver.ObjectsAsync(sha));
        Assert.Equal(sha, kept.Key);
        Assert.Equal(content.Length, kept.Size);
        Assert.Empty(await s3rver.ObjectsAsync(S3EvidenceStore.StagingPrefix));
        await using var read = await store.OpenReadAsync(sha, Ct);
        Assert.Equal(content.Length, read.Length);
        Assert.Equal(sha, Convert.ToHexStringLower(await SHA256.HashDataAsync(read, Ct)));
    }

    [Fact]
    public async Task AReadCanSkipAhead_AndOnlyTheRestIsFetched()
    {
        var store = await StoreAsync();
        var content = RandomBytes(6 * Megabyte);
        await using (var staged = await store.StageAsync(new MemoryStream(content), 10 * Megabyte, Ct))
        {
            await staged.CommitAsync(Ct);
        }

        await using var read = await store.OpenReadAsync(Convert.ToHexStringLower(SHA256.HashData(content)), Ct);
        var buffer = new byte[100];
        read.Seek(5 * Megabyte + 7, SeekOrigin.Begin);
        await read.ReadExactlyAsync(buffer, Ct);
        Assert.Equal(content.AsSpan(5 * Megabyte + 7, 100).ToArray(), buffer);
        read.Seek(3, SeekOrigin.Begin);
        read.ReadExactly(buffer);
        Assert.Equal(content.AsSpan(3, 100).ToArray(), buffer);
    }

    [Fact]
    public async Task AFileOverItsLimit_IsRefusedMidStream_AndLeavesNothingInTheBucket()
    {
        var store = await StoreAsync();
        var before = (await s3rver.ObjectsAsync()).Count;
        var content = new CountingStream(RandomBytes(16 * Megabyte));

        var refused = await Assert.ThrowsAsync<EvidenceTooLargeException>(() => store.StageAsync(content, 11 * Megabyte, Ct));

        Assert.Equal(11 * Megabyte, refused.MaxBytes);
        Assert.True(content.Position < 12 * Megabyte, $"It read {content.Position} bytes before refusing.");
        Assert.Equal(before, (await s3rver.ObjectsAsync()).Count);
        Assert.Empty(await s3rver.ObjectsAsync(S3EvidenceStore.StagingPrefix));
    }

    [Fact]
    public async Task AStagedFileNotKept_IsDeleted_AndAnUnknownHashIsNotFound()
    {
        var store = await StoreAsync();
        var content = RandomBytes(1000);
        await using (var staged = await store.StageAsync(new MemoryStream(content), Megabyte, Ct))
        {
            await using var inspect = await staged.OpenReadAsync(Ct);
            Assert.Equal(content, await ReadAllAsync(inspect));
        }

        Assert.Empty(await s3rver.ObjectsAsync(S3EvidenceStore.StagingPrefix));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(Convert.ToHexStringLower(SHA256.HashData(content)), Ct));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync("../../etc/passwd", Ct));
    }

    /// <summary>The app with Evidence:Store=S3: an advertiser's video is checked from the bucket, kept by hash, and downloaded only by its owner.</summary>
    [Fact]
    public async Task TheAppWithTheS3Store_ChecksKeepsAndServesAnAppealVideo_ToItsOwnerOnly()
    {
        Assert.IsType<S3EvidenceStore>(app.Services.GetRequiredService<IEvidenceStore>());
        var penalised = await app.StrikeAsync();
        using var owner = await app.SignedInAsync(penalised.Advertiser.Email);
        var id = await owner.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);
        var video = AppealTestData.File(_files.Mp4("unboxing.mp4", 1000, 12_000, mediaBytes: 6 * Megabyte, moovAtEnd: true));

        var page = await owner.AttachedAsync(id, EvidenceKind.MatchVideo, video);

        Assert.Equal("passes", page.TestId("check-MatchVideo"));
        var file = await app.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().SingleAsync(f => f.CaseId == id, Ct));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(video.Content)), file.Sha256);
        Assert.Single(await s3rver.ObjectsAsync(file.Sha256));
        var download = await owner.Http.GetAsync($"/evidence/{file.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.True(download.Headers.CacheControl?.NoStore, "Evidence must not be cached.");
        Assert.Equal(video.Content, await download.Content.ReadAsByteArrayAsync(Ct));
        var other = await app.CreateAdvertiserAsync();
        using var intruder = await app.SignedInAsync(other.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/evidence/{file.Id}")).Status);
        Assert.Empty(app.StoredFiles());
    }

    public void Dispose() => _files.Dispose();

    private async Task<S3EvidenceStore> StoreAsync()
    {
        await s3rver.StartAsync();
        var options = s3rver.Options();
        return new S3EvidenceStore(options.CreateClient(), options);
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    private sealed class CountingStream(byte[] content) : MemoryStream(content, writable: false);

    /// <summary>The app with its evidence in s3rver's bucket.</summary>
    public sealed class S3App(PostgresFixture postgres, S3rverFixture s3rver) : AppFactory(postgres)
    {
        public override async ValueTask InitializeAsync()
        {
            await s3rver.StartAsync();
            await base.InitializeAsync();
        }

        protected override IEnumerable<(string Key, string Value)> Settings() => s3rver.AppSettings();
    }
}
