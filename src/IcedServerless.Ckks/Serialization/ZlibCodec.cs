using System.Buffers.Binary;
using System.IO.Compression;

namespace IcedServerless.Ckks.Serialization;

/// <summary>zlib (RFC 1950) framing for SEAL compression mode 1, on the BCL's <see cref="ZLibStream"/>.</summary>
internal static class ZlibCodec
{
    // Two header bytes plus the four-byte Adler-32 trailer.
    private const int MinimumStreamBytes = 6;

    public static unsafe byte[] Decompress(ReadOnlySpan<byte> compressed, long maxOutputBytes)
    {
        if (compressed.Length < MinimumStreamBytes)
        {
            throw new SealFormatException($"zlib: {compressed.Length} bytes cannot hold a zlib stream (at least {MinimumStreamBytes}).");
        }

        // SEAL members compress poorly (uniform residues), so twice the input rarely needs regrowth.
        var output = new BoundedOutput(maxOutputBytes, 2L * compressed.Length, "zlib");
        try
        {
            fixed (byte* source = compressed)
            {
                using var input = new UnmanagedMemoryStream(source, compressed.Length);
                using var inflater = new ZLibStream(input, CompressionMode.Decompress);
                while (true)
                {
                    Span<byte> free = output.GetFreeSpan();
                    int read = inflater.Read(free);
                    if (read == 0)
                    {
                        break;
                    }

                    output.Advance(read);
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new SealFormatException($"zlib: the stream is corrupt ({ex.Message})", ex);
        }

        // ZLibStream reports a stream cut short as a clean end. Every complete stream ends with the Adler-32 of its
        // output, so comparing the last four input bytes with our own checksum catches truncation and trailing bytes.
        uint trailer = BinaryPrimitives.ReadUInt32BigEndian(compressed[^4..]);
        uint actual = Adler32.Compute(output.WrittenSpan);
        if (trailer != actual)
        {
            throw new SealFormatException(
                $"zlib: the stream is truncated or followed by extra bytes (last four bytes 0x{trailer:X8}, Adler-32 of the {output.Length} decompressed bytes 0x{actual:X8}).");
        }

        return output.ToArray();
    }

    public static byte[] Compress(ReadOnlySpan<byte> raw)
    {
        // ZLibStream writes nothing at all when nothing was written to it; return the complete empty stream instead.
        if (raw.IsEmpty)
        {
            return [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
        }

        var buffer = new MemoryStream((raw.Length / 2) + 64);
        using (var deflater = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflater.Write(raw);
        }

        return buffer.ToArray();
    }
}
