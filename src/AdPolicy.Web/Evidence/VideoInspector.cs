using System.Buffers.Binary;
using System.Text;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;

namespace AdPolicy.Web.Evidence;

/// <summary>What could be read from a video: its facts, or why not (a fact).</summary>
public sealed record VideoInspection(VideoFacts? Facts, Fact? Error)
{
    public static VideoInspection Unreadable(FactKind error, EventValues? values = null) => new(null, values is null ? Fact.Of(error) : Fact.Of(error, values));
}

/// <summary>
/// Reads an MP4 or QuickTime video's duration from its own movie header (the <c>mvhd</c> box inside <c>moov</c>:
/// timescale and duration, versions 0 and 1). Walks the top-level boxes and seeks over the others, so the media data
/// (<c>mdat</c>, most of the file) is never read, wherever the <c>moov</c> box sits.
/// </summary>
public static class VideoInspector
{
    private const int MaxBoxes = 10_000;

    public static VideoInspection Inspect(Stream video)
    {
        try
        {
            return new BoxReader(video).FindDuration();
        }
        catch (EndOfStreamException)
        {
            return VideoInspection.Unreadable(FactKind.VideoCutShort);
        }
        catch (InvalidDataException)
        {
            return VideoInspection.Unreadable(FactKind.VideoDamaged);
        }
    }

    /// <summary>Inspects the video and applies the duration rule of the policy in force.</summary>
    public static EvidenceCheckResult Check(Stream video, PolicySettings policy)
    {
        var inspection = Inspect(video);
        return inspection.Facts is { } facts
            ? EvidenceRules.CheckVideo(facts, policy)
            : EvidenceCheckResult.Fail(Fact.Of(FactKind.VideoNotRead), inspection.Error!);
    }

    private sealed class BoxReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[32];
        private long _position = stream.CanSeek ? stream.Position : 0;
        private readonly long? _end = stream.CanSeek ? stream.Length : null;

        public VideoInspection FindDuration()
        {
            for (var boxes = 0; boxes < MaxBoxes; boxes++)
            {
                if (ReadHeader(_end) is not { } box)
                {
                    break;
                }

                if (box.Type == "moov")
                {
                    return FindMovieHeader(box.End);
                }

                if (box.End is null)
                {
                    break; // the box runs to the end of the file: nothing follows it
                }

                SkipTo(box.End.Value);
            }

            return VideoInspection.Unreadable(FactKind.VideoNoMovie);
        }

        private VideoInspection FindMovieHeader(long? moovEnd)
        {
            for (var boxes = 0; boxes < MaxBoxes; boxes++)
            {
                if (ReadHeader(moovEnd) is not { } box)
                {
                    break;
                }

                if (box.Type == "mvhd")
                {
                    return ReadMovieHeader(box);
                }

                if (box.End is null)
                {
                    break;
                }

                SkipTo(box.End.Value);
            }

            return VideoInspection.Unreadable(FactKind.VideoNoMovieHeader);
        }

        private VideoInspection ReadMovieHeader(Box box)
        {
            Read(4);
            var version = _buffer[0];
            ulong timescale;
            ulong duration;
            bool unknown;
            switch (version)
            {
                case 0:
                    Read(16); // creation time, modification time, timescale, duration: 32 bits each
                    timescale = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(8));
                    duration = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(12));
                    unknown = duration == uint.MaxValue;
                    break;
                case 1:
                    Read(28); // creation and modification times: 64 bits; timescale: 32; duration: 64
                    timescale = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(16));
                    duration = BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(20));
                    unknown = duration == ulong.MaxValue;
                    break;
                default:
                    return VideoInspection.Unreadable(FactKind.VideoHeaderVersion, EventValues.Of(EventValue.Version, version));
            }

            if (box.End is { } end && _position > end)
            {
                throw new InvalidDataException("The movie header is shorter than its fields.");
            }

            if (timescale == 0 || unknown)
            {
                return VideoInspection.Unreadable(FactKind.VideoNoDuration);
            }

            var ticks = (decimal)duration * TimeSpan.TicksPerSecond / timescale;
            return ticks > TimeSpan.MaxValue.Ticks
                ? VideoInspection.Unreadable(FactKind.VideoImpossibleDuration)
                : new VideoInspection(new VideoFacts(TimeSpan.FromTicks((long)decimal.Floor(ticks))), null);
        }

        /// <summary>The next box header before <paramref name="limit"/>, or null at the end of the file or the parent box.</summary>
        private Box? ReadHeader(long? limit)
        {
            var start = _position;
            if (limit is { } l && start + 8 > l)
            {
                return null;
            }

            var read = stream.ReadAtLeast(_buffer.AsSpan(0, 8), 8, throwOnEndOfStream: false);
            _position += read;
            if (read == 0)
            {
                return null;
            }

            if (read < 8)
            {
                throw new EndOfStreamException();
            }

            var size = (ulong)BinaryPrimitives.ReadUInt32BigEndian(_buffer);
            var type = Encoding.ASCII.GetString(_buffer, 4, 4);
            var headerLength = 8UL;
            if (size == 1)
            {
                Read(8);
                size = BinaryPrimitives.ReadUInt64BigEndian(_buffer);
                headerLength = 16;
            }

            if (size == 0)
            {
                return new Box(type, limit); // runs to the end of its parent (or of the file)
            }

            if (size < headerLength || size > long.MaxValue)
            {
                throw new InvalidDataException($"A box at byte {start} has an impossible size.");
            }

            // Compared as remaining lengths, so a size near 2^63 cannot overflow into a negative end.
            if ((limit is { } max && (ulong)(max - start) < size) || size > (ulong)(long.MaxValue - start))
            {
                throw new EndOfStreamException();
            }

            return new Box(type, start + (long)size);
        }

        private void Read(int count)
        {
            stream.ReadExactly(_buffer.AsSpan(0, count));
            _position += count;
        }

        private void SkipTo(long target)
        {
            if (stream.CanSeek)
            {
                stream.Seek(target - _position, SeekOrigin.Current);
                _position = target;
                return;
            }

            var scratch = new byte[81920];
            while (_position < target)
            {
                var read = stream.Read(scratch, 0, (int)Math.Min(scratch.Length, target - _position));
                if (read == 0)
                {
                    throw new EndOfStreamException();
                }

                _position += read;
            }
        }

        private readonly record struct Box(string Type, long? End);
    }
}
