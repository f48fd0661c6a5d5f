using System.Security.Cryptography;

namespace AdPolicy.Web.Storage;

/// <summary>Where evidence bytes live, addressed by their SHA-256. One small seam so an S3-compatible store can replace the file system.</summary>
public interface IEvidenceStore
{
    /// <summary>Streams <paramref name="content"/> into the store, refusing it as soon as it passes <paramref name="maxBytes"/>.</summary>
    Task<StagedBlob> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(string sha256, CancellationToken cancellationToken);
}

/// <summary>
/// An upload received but not yet kept: its hash, size and first bytes are known. <see cref="CommitAsync"/> keeps it
/// (once per distinct content); disposing without committing throws it away.
/// </summary>
public abstract class StagedBlob : IAsyncDisposable
{
    public required string Sha256 { get; init; }

    public required long Size { get; init; }

    public required byte[] Head { get; init; }

    public abstract Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Reads the staged bytes (to inspect them before deciding to keep them).</summary>
    public abstract Stream OpenRead();

    public abstract ValueTask DisposeAsync();
}

public sealed class EvidenceTooLargeException(long maxBytes)
    : Exception($"The file is larger than the {maxBytes / (1024 * 1024)} MB allowed.")
{
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>Files under a folder outside the web root, named by hash (ab/cd/abcd…), written through a temporary file.</summary>
public sealed class FileSystemEvidenceStore : IEvidenceStore
{
    private const int HeadLength = Evidence.FileSniffer.HeadLength;
    private readonly string _root;

    public FileSystemEvidenceStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(_root, "incoming"));
    }

    public async Task<StagedBlob> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(_root, "incoming", Guid.NewGuid().ToString("N"));
        var head = new byte[HeadLength];
        var headLength = 0;
        long total = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw new EvidenceTooLargeException(maxBytes);
                    }

                    if (headLength < HeadLength)
                    {
                        var take = Math.Min(HeadLength - headLength, read);
                        Array.Copy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }

                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            return new FileBlob(temp, PathFor(sha256))
            {
                Sha256 = sha256,
                Size = total,
                Head = head[..headLength],
            };
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string sha256, CancellationToken cancellationToken)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            throw new FileNotFoundException("No such stored file.");
        }

        Stream stream = new FileStream(PathFor(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Task.FromResult(stream);
    }

    private string PathFor(string sha256) => Path.Combine(_root, sha256[..2], sha256[2..4], sha256);

    private sealed class FileBlob(string temp, string target) : StagedBlob
    {
        private bool _done;

        public override Task CommitAsync(CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                File.Delete(temp);
            }
            else
            {
                try
                {
                    File.Move(temp, target, overwrite: false);
                }
                catch (IOException) when (File.Exists(target))
                {
                    // Another upload of the same bytes won the race: the content is stored once either way.
                    File.Delete(temp);
                }
            }

            _done = true;
            return Task.CompletedTask;
        }

        public override Stream OpenRead() =>
            new FileStream(_done ? target : temp, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

        public override ValueTask DisposeAsync()
        {
            if (!_done)
            {
                File.Delete(temp);
            }

            return ValueTask.CompletedTask;
        }
    }
}
