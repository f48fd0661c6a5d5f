using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using AdPolicy.Web.Storage;

namespace AdPolicy.Benchmarks;

/// <summary>
/// An evidence round trip of one large file through the S3 store: streamed in as an upload would be (from a stream that
/// makes its bytes as it is read, never whole in memory), kept under its hash, read back and hashed again. It prints
/// the process's peak resident memory growth during the round trip (Linux VmHWM, reset first through clear_refs) and
/// the managed heap, beside the same round trip on the file-system store. Uses the S3 endpoint in ADPOLICY_BENCH_S3
/// (an Evidence:S3 style "ServiceUrl|Bucket|AccessKey|SecretKey") or starts s3rver from tests/servers.
/// </summary>
public static class EvidenceBenchmark
{
    private const long Megabyte = 1024 * 1024;

    public static async Task RunAsync(int megabytes)
    {
        var size = megabytes * Megabyte;
        Console.WriteLine($"Evidence round trip: one {megabytes} MB file (peak memory is what matters here, not time)");
        await using var s3rver = await LocalS3.StartAsync();
        var s3Options = s3rver.Options;
        var root = Path.Combine(Path.GetTempPath(), "adpolicy-bench-evidence", Guid.NewGuid().ToString("N"));
        try
        {
            Console.WriteLine("| store | upload s | download s | peak RSS growth MB | managed heap growth MB | hash round trip |");
            Console.WriteLine("|---|---:|---:|---:|---:|---|");
            await RoundTripAsync($"S3 ({s3rver.Description}, {s3Options.PartSizeMegabytes} MB parts)", new S3EvidenceStore(s3Options.CreateClient(), s3Options), size);
            await RoundTripAsync("file system (baseline)", new FileSystemEvidenceStore(root), size);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task RoundTripAsync(string name, IEvidenceStore store, long size)
    {
        // Warm up the code paths (SDK, HTTP connections) so their one-off allocations do not count as growth.
        await using (var warm = await store.StageAsync(new GeneratedStream(1 * Megabyte, seed: 1), size, CancellationToken.None))
        {
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rssBefore = Measure.ResetPeakResident();

        var started = Stopwatch.GetTimestamp();
        var upload = new GeneratedStream(size, seed: 42);
        string sha;
        await using (var staged = await store.StageAsync(upload, size, CancellationToken.None))
        {
            await staged.CommitAsync(CancellationToken.None);
            sha = staged.Sha256;
        }

        var uploaded = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        string readBack;
        await using (var download = await store.OpenReadAsync(sha, CancellationToken.None))
        {
            readBack = Convert.ToHexStringLower(await SHA256.HashDataAsync(download));
        }

        var downloaded = Stopwatch.GetElapsedTime(started);
        var peakGrowth = Measure.PeakResident() - rssBefore;
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: false) - heapBefore;
        var expected = Convert.ToHexStringLower(await SHA256.HashDataAsync(new GeneratedStream(size, seed: 42)));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {uploaded.TotalSeconds:0.0} | {downloaded.TotalSeconds:0.0} | {peakGrowth / (double)Megabyte:0.0} | {heapGrowth / (double)Megabyte:0.0} | {(sha == expected && readBack == expected ? "equal" : "DIFFERENT")} |"));
    }

    /// <summary>Pseudo-random bytes made as they are read: a request body of any size without holding it.</summary>
    private sealed class GeneratedStream(long length, int seed) : Stream
    {
        private readonly Random _random = new(seed);
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var take = (int)Math.Min(buffer.Length, length - _position);
            _random.NextBytes(buffer[..take]);
            _position += take;
            return take;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>The S3 endpoint for the run: ADPOLICY_BENCH_S3, or s3rver from tests/servers on a free port.</summary>
    private sealed class LocalS3 : IAsyncDisposable
    {
        private Process? _process;
        private string? _folder;

        public S3EvidenceOptions Options { get; private init; } = new();

        public string Description { get; private init; } = string.Empty;

        public static async Task<LocalS3> StartAsync()
        {
            if (Environment.GetEnvironmentVariable("ADPOLICY_BENCH_S3") is { Length: > 0 } configured)
            {
                var parts = configured.Split('|');
                return new LocalS3
                {
                    Options = new S3EvidenceOptions { ServiceUrl = parts[0], Bucket = parts[1], AccessKey = parts.ElementAtOrDefault(2), SecretKey = parts.ElementAtOrDefault(3) },
                    Description = parts[0],
                };
            }

            var servers = Path.Combine(RepositoryRoot(), "tests", "servers");
            var script = Path.Combine(servers, "node_modules", ".bin", "s3rver");
            if (!File.Exists(script))
            {
                throw new InvalidOperationException($"s3rver is not installed at {script}: run `scripts/prerequisites.sh servers` first, or set ADPOLICY_BENCH_S3.");
            }

            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            var folder = Path.Combine(Path.GetTempPath(), "adpolicy-bench-s3rver", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var start = new ProcessStartInfo("node") { WorkingDirectory = servers, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { script, "-d", folder, "-a", "127.0.0.1", "-p", $"{port}", "--configure-bucket", "bench", "--silent" })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            for (var i = 0; i < 300; i++)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(100);
                }
            }

            return new LocalS3
            {
                _process = process,
                _folder = folder,
                Options = new S3EvidenceOptions { ServiceUrl = $"http://127.0.0.1:{port}", Bucket = "bench", AccessKey = "S3RVER", SecretKey = "S3RVER" },
                Description = "s3rver on this machine",
            };
        }

        public async ValueTask DisposeAsync()
        {
            if (_process is not null)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
                _process.Dispose();
            }

            if (_folder is not null)
            {
                Directory.Delete(_folder, recursive: true);
            }
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AdPolicy.sln")))
                {
                    return dir.FullName;
                }
            }

            return Directory.GetCurrentDirectory();
        }
    }
}
