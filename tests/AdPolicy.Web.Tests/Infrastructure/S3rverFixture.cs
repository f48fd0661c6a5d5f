using AdPolicy.Web.Data;
using AdPolicy.Web.Storage;
using Amazon.S3;
using Amazon.S3.Model;

[assembly: AssemblyFixture(typeof(AdPolicy.Web.Tests.Infrastructure.S3rverFixture))]

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>
/// A real S3-compatible server for the run: s3rver from npm on a free loopback port over a throwaway folder, started on
/// first use, with one bucket. It checks request signatures, so the app signs in with s3rver's own keys.
/// </summary>
public sealed class S3rverFixture : IAsyncDisposable
{
    public const string Bucket = "adpolicy-evidence";

    // s3rver's built-in account.
    private const string AccessKey = "S3RVER";
    private const string SecretKey = "S3RVER";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "adpolicy-test-s3rver", Guid.NewGuid().ToString("N"));
    private NodeServer? _server;

    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>Starts s3rver unless it runs already; returns the options that reach its bucket.</summary>
    public async Task<S3EvidenceOptions> StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_server is null)
            {
                var port = PostgresCluster.FreePort();
                Directory.CreateDirectory(_folder);
                _server = await NodeServer.StartAsync(
                    "s3rver", ["-d", _folder, "-a", "127.0.0.1", "-p", $"{port}", "--configure-bucket", Bucket, "--silent"], port);
                ServiceUrl = $"http://127.0.0.1:{port}";
            }

            return Options();
        }
        finally
        {
            _gate.Release();
        }
    }

    public S3EvidenceOptions Options(int partSizeMegabytes = 5) => new()
    {
        ServiceUrl = ServiceUrl,
        Bucket = Bucket,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        PartSizeMegabytes = partSizeMegabytes,
    };

    /// <summary>The configuration that points the app's evidence store at this server.</summary>
    public IEnumerable<(string Key, string Value)> AppSettings() =>
    [
        ("Evidence:Store", "S3"), ("Evidence:S3:ServiceUrl", ServiceUrl), ("Evidence:S3:Bucket", Bucket),
        ("Evidence:S3:AccessKey", AccessKey), ("Evidence:S3:SecretKey", SecretKey), ("Evidence:S3:PartSizeMegabytes", "5"),
    ];

    /// <summary>Keys in the bucket under <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyList<S3Object>> ObjectsAsync(string prefix = "")
    {
        using var s3 = Options().CreateClient();
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix });
        return listed.S3Objects ?? [];
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _gate.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
