using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Web.Api;
using AdPolicy.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdPolicy.Benchmarks;

/// <summary>
/// One large video streamed as appeal evidence through the real app (Kestrel, the API-key scheme,
/// <c>POST /api/v1/appeals/{id}/evidence/ProductVideo</c>: the streamed multipart reader, content sniffing, hashing into the
/// file-system store, the video check, the database rows) against a bare Kestrel endpoint in the same process that copies
/// the same request body to a file. For each it prints the process's peak resident memory growth during the upload (Linux
/// VmHWM, reset through clear_refs just before) and the managed heap's peak (sampled every 10 ms), and the speed.
/// The client runs in the same process, so its buffers count too (the figures are an upper bound for the server).
/// </summary>
public static class UploadBenchmark
{
    private const long Megabyte = 1024 * 1024;

    private const string Boundary = "adpolicy-bench-upload-boundary";

    public static async Task RunAsync(int megabytes)
    {
        var size = megabytes * Megabyte;
        Console.WriteLine($"Upload benchmark: one {megabytes:N0} MB MP4 streamed as appeal evidence; load average at start {LoadAverage()}");
        var root = Path.Combine(Path.GetTempPath(), "adpolicy-bench-upload", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            await using var bench = await BenchDatabase.CreateAsync("adpolicy_bench_upload");
            await using var app = await StartAppAsync(bench, Path.Combine(root, "evidence"), size);
            await using var bare = await StartBareAsync(Path.Combine(root, "bare"));
            var (appealId, key) = await SeedAsync(bench, app.Services);

            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var ours = new Uri(new Uri(Address(app)), $"/api/v1/appeals/{appealId}/evidence/");
            var baseline = new Uri(new Uri(Address(bare)), "/upload");
            HttpRequestMessage Ours(EvidenceKind kind, long mediaBytes) =>
                new(HttpMethod.Post, new Uri(ours, kind.ToString())) { Content = Body(mediaBytes), Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };
            HttpRequestMessage Baseline(long mediaBytes) => new(HttpMethod.Post, baseline) { Content = Body(mediaBytes) };

            // Warm-up: one 1 MB upload each, so JIT, EF's model and connections do not count as growth.
            await SendAsync(http, Ours(EvidenceKind.MatchVideo, Megabyte), "passes");
            await SendAsync(http, Baseline(Megabyte), null);

            var body = VideoLength(size) + await MultipartOverheadAsync();
            var bareRun = await MeasureAsync(() => SendAsync(http, Baseline(size), null));
            var bareWritten = Directory.EnumerateFiles(Path.Combine(root, "bare")).OrderByDescending(File.GetLastWriteTimeUtc).First();
            var bareFile = new FileInfo(bareWritten).Length;
            File.Delete(bareWritten); // frees the disk before the app writes its copy
            var ourRun = await MeasureAsync(() => SendAsync(http, Ours(EvidenceKind.ProductVideo, size), "passes"));

            var (storedSize, sha) = await StoredAsync(bench);
            var onDisk = new FileInfo(Path.Combine(root, "evidence", sha[..2], sha[2..4], sha)).Length;

            Console.WriteLine();
            Console.WriteLine("| run | seconds | MB/s | peak RSS growth MB | peak managed heap growth MB |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Print($"POST /api/v1/appeals/{{id}}/evidence/ProductVideo (the app)", ourRun, body);
            Print("baseline: bare Kestrel endpoint copying the body to a file", bareRun, body);
            Console.WriteLine();
            var video = VideoLength(size);
            Console.WriteLine($"Check: sent a {video:N0}-byte video in a {body:N0}-byte request; the app recorded {storedSize:N0} bytes and stored {onDisk:N0} on disk; the bare endpoint wrote {bareFile:N0}: {(storedSize == video && onDisk == video && bareFile == body ? "equal" : "DIFFERENT")}");
            Console.WriteLine($"Load average at end: {LoadAverage()}");
            var ourRate = body / ourRun.Seconds;
            var bareRate = body / bareRun.Seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: upload.memory growth_mb={ourRun.PeakResidentGrowth / (double)Megabyte:0.0} baseline_mb={bareRun.PeakResidentGrowth / (double)Megabyte:0.0} target_mb=64"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: upload.throughput ratio={ourRate / bareRate:0.000} ours_mb_s={ourRate / Megabyte:0.0} baseline_mb_s={bareRate / Megabyte:0.0}"));
            await app.StopAsync();
            await bare.StopAsync();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed record Run(double Seconds, long PeakResidentGrowth, long PeakHeapGrowth);

    private static void Print(string name, Run run, long body) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {run.Seconds:0.00} | {body / run.Seconds / Megabyte:0.0} | {run.PeakResidentGrowth / (double)Megabyte:0.0} | {run.PeakHeapGrowth / (double)Megabyte:0.0} |"));

    private static Task<WebApplication> StartAppAsync(BenchDatabase bench, string evidenceRoot, long size)
    {
        return BenchApp.StartAsync(bench.ConnectionString, new Dictionary<string, string?>
        {
            ["Evidence:Root"] = evidenceRoot,
            ["Uploads:VideoMaxBytes"] = (size + (16 * Megabyte)).ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The baseline: Kestrel with no limit on the body and one endpoint that copies the body to a new file.</summary>
    private static async Task<WebApplication> StartBareAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.MapPost("/upload", async (HttpContext context) =>
        {
            await using var file = new FileStream(Path.Combine(folder, Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await context.Request.Body.CopyToAsync(file, context.RequestAborted);
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>An advertiser with a draft fulfilment appeal (which asks for two videos) and an organisation key with appeals:write.</summary>
    private static async Task<(Guid AppealId, string Key)> SeedAsync(BenchDatabase bench, IServiceProvider services)
    {
        var organisationId = Guid.NewGuid();
        var accountId = Guid.NewGuid();
        await bench.SeedAdvertiserAsync(organisationId, accountId);
        var userId = await bench.ScalarAsync<Guid>("SELECT id FROM users WHERE email = 'bench@example.com'");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var appeal = ReviewRequest.Create(
            organisationId, accountId, SubjectKind.Strike, Guid.NewGuid(), IssueType.Fulfilment, penaltyFromRefusedRefund: false,
            "The orders were delivered; the videos show the goods.", Actor.Advertiser(userId, "Bench"), now);
        var (key, secret) = ApiKey.Create(organisationId, "Bench uploads", [ApiScopes.AppealsWrite], userId, "Bench", now);
        db.AddRange(appeal, key);
        await db.SaveChangesAsync();
        return (appeal.Id, secret);
    }

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request, string? expect)
    {
        using (request)
        using (var response = await http.SendAsync(request))
        {
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || (expect is not null && !text.Contains(expect, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"The upload answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
            }
        }
    }

    /// <summary>Times <paramref name="upload"/> and records the peak RSS growth (against the RSS just before) and the managed heap's peak growth.</summary>
    private static async Task<Run> MeasureAsync(Func<Task> upload)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var residentBefore = Measure.ResetPeakResident();
        var peakHeap = heapBefore;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(10, CancellationToken.None);
            }
        });
        var started = Stopwatch.GetTimestamp();
        await upload();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await done.CancelAsync();
        await sampler;
        return new Run(seconds, Measure.PeakResident() - residentBefore, peakHeap - heapBefore);
    }

    /// <summary>The multipart form around the file: the video streamed as "Evidence.File", never whole in memory.</summary>
    private static MultipartFormDataContent Body(long mediaBytes) => Form(new StreamContent(new VideoStream(mediaBytes), 81920));

    private static MultipartFormDataContent Form(HttpContent file)
    {
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        var form = new MultipartFormDataContent(Boundary) { { file, AdPolicy.Web.Appeals.AppealDesk.FileField, "unboxing.mp4" } };
        return form;
    }

    /// <summary>The request's bytes around the file (boundaries and part headers), from the same form with an empty file.</summary>
    private static async Task<long> MultipartOverheadAsync()
    {
        using var empty = Form(new ByteArrayContent([]));
        return (await empty.ReadAsByteArrayAsync()).LongLength;
    }

    private static long VideoLength(long mediaBytes) => VideoStream.Header(mediaBytes).Length + mediaBytes;

    private static async Task<(long Size, string Sha256)> StoredAsync(BenchDatabase bench)
    {
        var size = await bench.ScalarAsync<long>("SELECT size_bytes FROM evidence_files ORDER BY size_bytes DESC LIMIT 1");
        var sha = await bench.ScalarAsync<string>("SELECT sha256 FROM evidence_files ORDER BY size_bytes DESC LIMIT 1");
        return (size, sha);
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>
    /// A valid MP4 made as it is read: ftyp, a moov with a 60-second mvhd, then an mdat of <c>mediaBytes</c> filler (one
    /// pseudo-random 64 KB block repeated), so the content check and the video check accept it without a real video.
    /// </summary>
    private sealed class VideoStream(long mediaBytes) : Stream
    {
        private static readonly byte[] Filler = MakeFiller();

        private readonly byte[] _header = Header(mediaBytes);

        private long _position;

        private long Total => _header.Length + mediaBytes;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => Total;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public static byte[] Header(long mediaBytes)
        {
            var mvhd = new byte[108];
            BinaryPrimitives.WriteUInt32BigEndian(mvhd, 108);
            "mvhd"u8.CopyTo(mvhd.AsSpan(4));
            BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(20), 1000); // timescale (version 0: after flags, creation and modification times)
            BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(24), 60_000); // duration: 60 s
            BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(28), 0x00010000); // rate 1.0
            mvhd[32] = 1; // volume 1.0
            BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(44), 0x00010000); // unity matrix
            BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(60), 0x00010000);
            BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(76), 0x40000000);
            BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(104), 2); // next track id
            var header = new List<byte>();
            header.AddRange([0, 0, 0, 24, .. "ftyp"u8, .. "isom"u8, 0, 0, 2, 0, .. "isommp41"u8]);
            header.AddRange([0, 0, 0, 116, .. "moov"u8, .. mvhd]);
            var mdat = new byte[16];
            BinaryPrimitives.WriteUInt32BigEndian(mdat, 1); // 64-bit size follows
            "mdat"u8.CopyTo(mdat.AsSpan(4));
            BinaryPrimitives.WriteUInt64BigEndian(mdat.AsSpan(8), (ulong)(16 + mediaBytes));
            header.AddRange(mdat);
            return [.. header];
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var take = (int)Math.Min(buffer.Length, Total - _position);
            var written = 0;
            while (written < take)
            {
                var at = _position + written;
                ReadOnlySpan<byte> source = at < _header.Length
                    ? _header.AsSpan((int)at)
                    : Filler.AsSpan((int)((at - _header.Length) % Filler.Length));
                var n = Math.Min(source.Length, take - written);
                source[..n].CopyTo(buffer[written..]);
                written += n;
            }

            _position += take;
            return take;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static byte[] MakeFiller()
        {
            var filler = new byte[64 * 1024];
            new Random(42).NextBytes(filler);
            return filler;
        }
    }
}
