using System.Buffers.Binary;

namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// Walks the chunks of a PNG held in memory: checks the signature, then for each chunk that its length fits the
/// remaining bytes, that its type is four ASCII letters and that its CRC matches, before handing out its body.
/// </summary>
internal ref struct PngChunkReader
{
    /// <summary>The eight bytes every PNG starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public PngChunkReader(ReadOnlySpan<byte> data)
    {
        if (!data.StartsWith(Signature))
        {
            throw new ImageFormatException(ImageFormatError.BadMagic, "The data does not start with the PNG signature.");
        }

        _data = data;
        _position = Signature.Length;
    }

    /// <summary>The offset of the next chunk, for error messages.</summary>
    public readonly int Position => _position;

    /// <summary>Reads the next chunk.</summary>
    /// <param name="type">The chunk type as a big-endian number (compare with <see cref="TypeCode"/>).</param>
    /// <param name="body">The chunk data.</param>
    /// <returns>False when no bytes remain.</returns>
    public bool MoveNext(out uint type, out ReadOnlySpan<byte> body)
    {
        int remaining = _data.Length - _position;
        if (remaining == 0)
        {
            type = 0;
            body = default;
            return false;
        }

        if (remaining < 12)
        {
            throw new ImageFormatException(ImageFormatError.Truncated,
                $"The PNG ends inside a chunk header at offset {_position} ({remaining} bytes left, a chunk needs at least 12).");
        }

        var header = _data.Slice(_position, 8);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header);
        type = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        foreach (byte c in header[4..])
        {
            if (!char.IsAsciiLetter((char)c))
            {
                throw new ImageFormatException(ImageFormatError.CorruptData,
                    $"The PNG chunk at offset {_position} has type bytes {Convert.ToHexString(header[4..])}, not four ASCII letters.");
            }
        }

        if (length > int.MaxValue || length > remaining - 12)
        {
            throw new ImageFormatException(length > int.MaxValue ? ImageFormatError.CorruptData : ImageFormatError.Truncated,
                $"The PNG chunk {TypeName(type)} at offset {_position} declares {length} data bytes, but only {remaining - 12} remain.");
        }

        int n = (int)length;
        body = _data.Slice(_position + 8, n);
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(_data[(_position + 8 + n)..]);
        uint actual = Crc32.Compute(_data.Slice(_position + 4, n + 4));
        if (stored != actual)
        {
            throw new ImageFormatException(ImageFormatError.ChecksumMismatch,
                $"The PNG chunk {TypeName(type)} at offset {_position} has CRC {stored:X8}, but its bytes give {actual:X8}.");
        }

        _position += n + 12;
        return true;
    }

    /// <summary>The numeric code of a four-letter chunk type.</summary>
    public static uint TypeCode(string name) => BinaryPrimitives.ReadUInt32BigEndian(System.Text.Encoding.ASCII.GetBytes(name));

    /// <summary>The four letters of a chunk type code.</summary>
    public static string TypeName(uint type) =>
        string.Create(4, type, static (s, t) =>
        {
            for (int i = 0; i < 4; i++)
            {
                byte c = (byte)(t >> (24 - (8 * i)));
                s[i] = c is >= 0x20 and < 0x7F ? (char)c : '?';
            }
        });
}
