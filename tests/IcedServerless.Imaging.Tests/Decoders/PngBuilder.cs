using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace IcedServerless.Imaging.Tests.Decoders;

/// <summary>
/// Writes PNG chunks with correct CRCs, so a test can put exactly one deliberate fault (a lying field, a bad filter
/// byte, a misplaced chunk) past the checksum and reach the check it targets.
/// </summary>
internal sealed class PngBuilder
{
    private static readonly byte[] s_signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly MemoryStream _out = new();

    public PngBuilder() => _out.Write(s_signature);

    public static byte[] Ihdr(uint width, uint height, byte depth, byte colorType, byte interlace = 0)
    {
        var body = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(body, width);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(4), height);
        body[8] = depth;
        body[9] = colorType;
        body[12] = interlace;
        return body;
    }

    public static byte[] Zlib(ReadOnlySpan<byte> raw)
    {
        using var buffer = new MemoryStream();
        using (var z = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        return buffer.ToArray();
    }

    /// <summary>A whole PNG: IHDR, the given chunks in between, one IDAT of <paramref name="raw"/>, IEND.</summary>
    public static byte[] Simple(byte[] ihdr, byte[] raw, params (string Type, byte[] Body)[] before)
    {
        var b = new PngBuilder().Chunk("IHDR", ihdr);
        foreach (var (type, body) in before)
        {
            b.Chunk(type, body);
        }

        return b.Chunk("IDAT", Zlib(raw)).Chunk("IEND", []).ToArray();
    }

    /// <summary>Unfiltered scanlines (filter type 0) of a gray 8-bit image with the given pixels.</summary>
    public static byte[] Gray8Rows(int width, int height, Func<int, int, byte> pixel)
    {
        var raw = new byte[height * (width + 1)];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                raw[(y * (width + 1)) + 1 + x] = pixel(x, y);
            }
        }

        return raw;
    }

    public PngBuilder Chunk(string type, ReadOnlySpan<byte> body, uint? declaredLength = null)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, declaredLength ?? (uint)body.Length);
        Encoding.ASCII.GetBytes(type, header[4..]);
        _out.Write(header);
        _out.Write(body);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Seed, header[4..]), body)));
        _out.Write(crc);
        return this;
    }

    public byte[] ToArray() => _out.ToArray();

    /// <summary>Recomputes every chunk CRC of a (possibly mutated) PNG, stopping at the first chunk that does not fit.</summary>
    public static void FixCrcs(byte[] png)
    {
        int pos = 8;
        while (pos + 12 <= png.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            if (length > png.Length - pos - 12)
            {
                return;
            }

            int n = (int)length;
            BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(pos + 8 + n), Crc32.Compute(png.AsSpan(pos + 4, n + 4)));
            pos += n + 12;
        }
    }
}
