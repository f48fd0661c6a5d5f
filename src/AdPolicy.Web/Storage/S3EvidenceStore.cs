using System.Buffers;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Model;

namespace AdPolicy.Web.Storage;

/// <summary>
/// Evidence in an S3-compatible bucket (AWS S3, MinIO, s3rver), one object per distinct content, keyed by its SHA-256.
/// An upload streams into a staging object (<c>incoming/&lt;guid&gt;</c>) as a multipart upload, one part buffered at
/// a time, so a 500 MB video is never whole in memory and is refused as soon as it passes its limit; keeping it copies
/// the staging object to its hash key on the server and deletes the staging object. Reads are ranged GETs, so the video
/// check can skip what it does not need and a download streams.
/// </summary>
/// <remarks>
/// A process that dies mid-upload leaves an incomplete multipart upload or an <c>incoming/</c> object: give the bucket
/// a lifecycle rule that aborts incomplete uploads and expires <c>incoming/</c> after a day (see the README).
/// </remarks>
public sealed class S3EvidenceStore(IAmazonS3 s3, S3EvidenceOptions options) : IEvidenceStore
{
    public const string StagingPrefix = "incoming/";

    private int PartSize => options.PartSizeMegabytes * 1024 * 1024;

    public async Task<StagedBlob> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var key = StagingPrefix + Guid.NewGuid().ToString("N");
        await using var upload = new StreamingUpload(s3, options.Bucket, key, PartSize);
        EvidenceCopy.Result copied;
        try
        {
            copied = await EvidenceCopy.CopyAsync(content, maxBytes, upload.WriteAsync, cancellationToken);
            await upload.CompleteAsync(cancellationToken);
        }
        catch
        {
            await upload.AbortAsync();
            throw;
        }

        return new S3Blob(this, key)
        {
            Sha256 = copied.Sha256,
            Size = copied.Size,
            Head = copied.Head,
        };
    }

    public async Task<Stream> OpenReadAsync(string sha256, CancellationToken cancellationToken)
    {
        EvidenceCopy.RequireHash(sha256);
        var length = await LengthAsync(sha256, cancellationToken) ?? throw new FileNotFoundException("No such stored file.");
        return Open(sha256, length);
    }

    private Stream Open(string key, long length) => new S3ObjectStream(s3, options.Bucket, key, length);

    private Task DeleteAsync(string key) => s3.DeleteObjectAsync(options.Bucket, key, CancellationToken.None);

    /// <summary>The object's size, or null when there is none.</summary>
    private async Task<long?> LengthAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await s3.GetObjectMetadataAsync(options.Bucket, key, cancellationToken);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task KeepAsync(string stagingKey, string sha256, CancellationToken cancellationToken)
    {
        // The same bytes uploaded twice (or by two instances at once) are one object either way: a copy over an
        // existing object writes identical content.
        if (await LengthAsync(sha256, cancellationToken) is null)
        {
            await s3.CopyObjectAsync(
                new CopyObjectRequest { SourceBucket = options.Bucket, SourceKey = stagingKey, DestinationBucket = options.Bucket, DestinationKey = sha256 },
                cancellationToken);
        }

        await DeleteAsync(stagingKey);
    }

    private sealed class S3Blob(S3EvidenceStore store, string stagingKey) : StagedBlob
    {
        private bool _done;

        public override async Task CommitAsync(CancellationToken cancellationToken)
        {
            await store.KeepAsync(stagingKey, Sha256, cancellationToken);
            _done = true;
        }

        public override Task<Stream> OpenReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult(store.Open(_done ? Sha256 : stagingKey, Size));

        public override async ValueTask DisposeAsync()
        {
            if (!_done)
            {
                await store.DeleteAsync(stagingKey);
            }
        }
    }

    /// <summary>
    /// Writes an object of unknown length: the bytes collect in one part-sized buffer; a full buffer goes out as the
    /// next part of a multipart upload. An object smaller than one part is a single PUT.
    /// </summary>
    private sealed class StreamingUpload(IAmazonS3 s3, string bucket, string key, int partSize) : IAsyncDisposable
    {
        private readonly List<PartETag> _parts = [];
        private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(partSize);
        private int _filled;
        private string? _uploadId;

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            while (data.Length > 0)
            {
                var take = Math.Min(partSize - _filled, data.Length);
                data[..take].CopyTo(_buffer.AsMemory(_filled));
                _filled += take;
                data = data[take..];
                if (_filled == partSize)
                {
                    await SendPartAsync(cancellationToken);
                }
            }
        }

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            if (_uploadId is null)
            {
                using var body = new MemoryStream(_buffer!, 0, _filled, writable: false);
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false }, cancellationToken);
                return;
            }

            if (_filled > 0)
            {
                await SendPartAsync(cancellationToken);
            }

            await s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = _uploadId, PartETags = _parts },
                cancellationToken);
        }

        public async Task AbortAsync()
        {
            if (_uploadId is null)
            {
                return;
            }

            try
            {
                await s3.AbortMultipartUploadAsync(bucket, key, _uploadId, CancellationToken.None);
            }
            catch (AmazonS3Exception)
            {
                // Best effort (some S3-compatible servers do not implement it): the bucket's lifecycle rule removes
                // incomplete uploads, and nothing refers to this one.
            }
        }

        public ValueTask DisposeAsync()
        {
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }

            return ValueTask.CompletedTask;
        }

        private async Task SendPartAsync(CancellationToken cancellationToken)
        {
            _uploadId ??= (await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken)).UploadId;
            using var body = new MemoryStream(_buffer!, 0, _filled, writable: false);
            var number = _parts.Count + 1;
            var part = await s3.UploadPartAsync(
                new UploadPartRequest { BucketName = bucket, Key = key, UploadId = _uploadId, PartNumber = number, InputStream = body, PartSize = _filled, UseChunkEncoding = false },
                cancellationToken);
            _parts.Add(new PartETag(number, part.ETag));
            _filled = 0;
        }
    }
}

/// <summary>
/// A seekable read-only view of one object: reads continue one ranged GET while they are sequential; a seek elsewhere
/// starts a new GET from there. The synchronous Read (the video check reads synchronously) waits on the async one.
/// </summary>
public sealed class S3ObjectStream(IAmazonS3 s3, string bucket, string key, long length) : Stream
{
    private GetObjectResponse? _response;
    private Stream? _body;
    private long _bodyPosition = -1;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }

        if (_body is null || _bodyPosition != _position)
        {
            CloseBody();
            _response = await s3.GetObjectAsync(
                new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(_position, length - 1) }, cancellationToken);
            _body = _response.ResponseStream;
            _bodyPosition = _position;
        }

        var read = await _body.ReadAsync(buffer, cancellationToken);
        _position += read;
        _bodyPosition += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseBody();
        }

        base.Dispose(disposing);
    }

    private void CloseBody()
    {
        _body?.Dispose();
        _response?.Dispose();
        _body = null;
        _response = null;
    }
}

/// <summary>"Evidence:S3": where the bucket is and how to sign in to it.</summary>
public sealed class S3EvidenceOptions
{
    /// <summary>The S3-compatible endpoint, e.g. http://minio:9000; empty for AWS S3 itself (then <see cref="Region"/> picks it).</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string Bucket { get; set; } = string.Empty;

    /// <summary>With <see cref="SecretKey"/>; when both are empty the SDK's own chain is used (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, instance role).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Bucket in the path (http://host/bucket/key), as MinIO and most S3-compatible servers want.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Upload part size: the memory one upload holds at most (S3's minimum is 5 MB).</summary>
    public int PartSizeMegabytes { get; set; } = 8;

    public AmazonS3Client CreateClient()
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = ForcePathStyle,
            AuthenticationRegion = Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (ServiceUrl is { Length: > 0 } url)
        {
            config.ServiceURL = url;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(Region);
        }

        CopySourceAsPath.Register();
        return AccessKey is { Length: > 0 } && SecretKey is { Length: > 0 }
            ? new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), config)
            : new AmazonS3Client(config);
    }
}

/// <summary>
/// Sends a copy's source as <c>/bucket/key</c> with the key's slashes kept, the form S3's documentation shows. SDK v4
/// escapes the whole <c>bucket/key</c>; AWS accepts both, but some S3-compatible servers (s3rver among them) read the
/// escaped slash as part of the bucket name. The header is rewritten before the request is signed.
/// </summary>
internal sealed class CopySourceAsPath : PipelineHandler, IRuntimePipelineCustomizer
{
    private const string Header = "x-amz-copy-source";
    private static int _registered;

    public string UniqueName => nameof(CopySourceAsPath);

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            RuntimePipelineCustomizerRegistry.Instance.Register(new CopySourceAsPath());
        }
    }

    public void Customize(Type type, RuntimePipeline pipeline)
    {
        if (typeof(IAmazonS3).IsAssignableFrom(type))
        {
            pipeline.AddHandlerBefore<Signer>(new CopySourceAsPath());
        }
    }

    public override void InvokeSync(IExecutionContext executionContext)
    {
        Rewrite(executionContext);
        base.InvokeSync(executionContext);
    }

    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        Rewrite(executionContext);
        return base.InvokeAsync<T>(executionContext);
    }

    private static void Rewrite(IExecutionContext executionContext)
    {
        var headers = executionContext.RequestContext.Request.Headers;
        if (headers.TryGetValue(Header, out var source) && !source.StartsWith('/'))
        {
            var decoded = Uri.UnescapeDataString(source);
            headers[Header] = "/" + string.Join('/', decoded.Split('/').Select(Uri.EscapeDataString));
        }
    }
}
