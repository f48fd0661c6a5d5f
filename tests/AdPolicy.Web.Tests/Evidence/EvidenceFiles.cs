using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace AdPolicy.Web.Tests.Evidence;

/// <summary>A temporary folder of evidence files the tests write themselves; deleted afterwards.</summary>
public sealed class EvidenceFiles : IDisposable
{
    public EvidenceFiles()
    {
        Folder = Directory.CreateTempSubdirectory("adpolicy-evidence-").FullName;
    }

    public string Folder { get; }

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    public string Write(string name, string text)
    {
        var path = Path(name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        var path = Path(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>An order list with one tracked order a day, the last one <paramref name="lastDaysBefore"/> days before <paramref name="requestDate"/>.</summary>
    public string OrderList(string name, int orders, DateOnly requestDate, int lastDaysBefore = 1, bool tracking = true)
    {
        var csv = new StringBuilder("order_id,order_date,product,quantity,price,tracking_number\n");
        for (var i = 0; i < orders; i++)
        {
            var date = requestDate.AddDays(-lastDaysBefore - i);
            csv.Append(CultureInfo.InvariantCulture, $"A-{1000 + i},{date:yyyy-MM-dd},Blue mug,1,12.50,{(tracking ? $"1Z{i:D8}" : string.Empty)}\n");
        }

        return Write(name, csv.ToString());
    }

    /// <summary>An order list with one order on every day from <paramref name="daysBefore"/> days before the request to the day before it.</summary>
    public string DailyOrderList(string name, int daysBefore, DateOnly requestDate) =>
        OrderList(name, daysBefore, requestDate, lastDaysBefore: 1);

    /// <summary>
    /// A minimal valid MP4: ftyp, then optionally an mdat of <paramref name="mediaBytes"/> (a sparse hole on disk), and a
    /// moov holding only an mvhd with the given timescale and duration; the moov comes before or after the mdat.
    /// </summary>
    public string Mp4(string name, uint timescale, ulong duration, byte version = 0, long mediaBytes = 0, bool moovAtEnd = false, string brand = "isom")
    {
        var path = Path(name);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Write(Box("ftyp", [.. Encoding.ASCII.GetBytes(brand), 0, 0, 2, 0, .. "isommp41"u8]));
        var moov = Box("moov", MovieHeader(timescale, duration, version));
        if (!moovAtEnd)
        {
            file.Write(moov);
        }

        if (mediaBytes > 0)
        {
            var header = new byte[16];
            BinaryPrimitives.WriteUInt32BigEndian(header, 1);
            "mdat"u8.CopyTo(header.AsSpan(4));
            BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(8), (ulong)(16 + mediaBytes));
            file.Write(header);
            file.SetLength(file.Position + mediaBytes);
            file.Seek(0, SeekOrigin.End);
        }

        if (moovAtEnd)
        {
            file.Write(moov);
        }

        return path;
    }

    public static byte[] MovieHeader(uint timescale, ulong duration, byte version)
    {
        var body = new List<byte> { version, 0, 0, 0 };
        if (version == 0)
        {
            body.AddRange(BigEndian32(0));
            body.AddRange(BigEndian32(0));
            body.AddRange(BigEndian32(timescale));
            body.AddRange(BigEndian32((uint)duration));
        }
        else
        {
            body.AddRange(new byte[16]);
            body.AddRange(BigEndian32(timescale));
            var d = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(d, duration);
            body.AddRange(d);
        }

        // rate 1.0, volume 1.0, reserved, unity matrix, pre-defined, next track id
        body.AddRange(BigEndian32(0x00010000));
        body.AddRange([0x01, 0x00]);
        body.AddRange(new byte[10]);
        foreach (var m in new uint[] { 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000 })
        {
            body.AddRange(BigEndian32(m));
        }

        body.AddRange(new byte[24]);
        body.AddRange(BigEndian32(2));
        return Box("mvhd", [.. body]);
    }

    public static byte[] Box(string type, byte[] body)
    {
        var box = new byte[8 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        body.CopyTo(box, 8);
        return box;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static byte[] BigEndian32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}

/// <summary>Counts the bytes read through it, to prove a reader seeks instead of reading.</summary>
public sealed class CountingStream(Stream inner) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        BytesRead += read;
        return read;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        BytesRead += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush() => inner.Flush();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
