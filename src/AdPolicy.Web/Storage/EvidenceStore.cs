using System.Security.Cryptography;

namespace AdPolicy.Web.Storage;

/// <summary>
/// Where evidence bytes live, addressed by their SHA-256: a folder (<see cref="FileSystemEvidenceStore"/>) or an
/// S3-compatible bucket (<see cref="S3EvidenceStore"/>), chosen by <c>Evidence:Store</c>. Nothing outside this seam
/// knows which; who may read a file is decided by the caller (the download endpoint), never here.
/// </summary>
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

    /// <summary>Reads the staged bytes (to inspect them before deciding to keep them); the stream can seek.</summary>
    public abstract Task<Stream> OpenReadAsync(CancellationToken cancellationToken);

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
    private readonly string _root;

    public FileSystemEvidenceStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(_root, "incoming"));
    }

    public async Task<StagedBlob> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(_root, "incoming", Guid.NewGuid().ToString("N"));
        try
        {
            EvidenceCopy.Result copied;
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                copied = await EvidenceCopy.CopyAsync(content, maxBytes, output.WriteAsync, cancellationToken);
            }

            return new FileBlob(temp, PathFor(copied.Sha256))
            {
                Sha256 = copied.Sha256,
                Size = copied.Size,
                Head = copied.Head,
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
        EvidenceCopy.RequireHash(sha256);

        Stream stream = new FileStream(PathFor(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Task.FromResult(stream);
    }

    private string PathFor(string sha256) => Path.Combine(_root, sha256[..2], sha256[2..4], sha256);

    /// <summary>
    /// Deletes partial uploads left in <c>incoming/</c> by a request that died mid-upload (a killed process, a pulled
    /// cable): files last written before <paramref name="olderThan"/>. Uploads still being written are newer and stay.
    /// </summary>
    /// <returns>How many files were deleted.</returns>
    public int DeletePartialsOlderThan(DateTimeOffset olderThan)
    {
        var deleted = 0;
        foreach (var file in new DirectoryInfo(Path.Combine(_root, "incoming")).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < olderThan.UtcDateTime)
            {
                try
                {
                    file.Delete();
                    deleted++;
                }
                catch (IOException)
                {
                    // Another instance swept it first, or it is still open: the next sweep looks again.
                }
            }
        }

        return deleted;
    }

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

        public override Task<Stream> OpenReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult<Stream>(new FileStream(_done ? target : temp, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));

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

/// <summary>
/// Reads an upload once, in 80 KB pieces: hashes it, keeps its first bytes for the type check, refuses it as soon as it
/// passes its limit, and hands each piece to the store's writer. Both stores stage through it.
/// </summary>
public static class EvidenceCopy
{
    public sealed record Result(string Sha256, long Size, byte[] Head);

    public static async Task<Result> CopyAsync(
        Stream content, long maxBytes, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        var head = new byte[Evidence.FileSniffer.HeadLength];
        var headLength = 0;
        long total = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw new EvidenceTooLargeException(maxBytes);
            }

            if (headLength < head.Length)
            {
                var take = Math.Min(head.Length - headLength, read);
                Array.Copy(buffer, 0, head, headLength, take);
                headLength += take;
            }

            hash.AppendData(buffer, 0, read);
            await write(buffer.AsMemory(0, read), cancellationToken);
        }

        return new Result(Convert.ToHexStringLower(hash.GetHashAndReset()), total, head[..headLength]);
    }

    /// <summary>A stored file is named by its hash: anything else names no file (and never a path or key of our choosing).</summary>
    public static void RequireHash(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new FileNotFoundException("No such stored file.");
        }
    }
}
