using System.Buffers.Binary;

namespace IcedServerless.Ckks.Serialization;

/// <summary>
/// A bounded little-endian cursor over serialized members. Every read first checks that enough bytes remain and
/// otherwise throws a <see cref="SealFormatException"/> naming what was being read and where, so parsers never index
/// past the data whatever sizes it declares.
/// </summary>
public ref struct SealReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _origin;
    private int _position;

    /// <summary>Starts reading at the beginning of <paramref name="data"/>.</summary>
    /// <param name="data">The members to read.</param>
    public SealReader(ReadOnlySpan<byte> data)
        : this(data, 0)
    {
    }

    private SealReader(ReadOnlySpan<byte> data, long origin)
    {
        _data = data;
        _origin = origin;
        _position = 0;
    }

    /// <summary>Bytes consumed so far (for a reader from <see cref="ReadNestedObject"/>, counted within the nested members).</summary>
    public readonly int Position => _position;

    /// <summary>Offset of the next byte in the outermost data, for error messages.</summary>
    internal readonly long AbsolutePosition => _origin + _position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Reads one byte.</summary>
    /// <param name="what">Names the field in error messages.</param>
    /// <returns>The byte.</returns>
    /// <exception cref="SealFormatException">No byte remains.</exception>
    public byte ReadByte(string what) => Take(1, what)[0];

    /// <summary>Reads a little-endian 64-bit word.</summary>
    /// <param name="what">Names the field in error messages.</param>
    /// <returns>The word.</returns>
    /// <exception cref="SealFormatException">Fewer than 8 bytes remain.</exception>
    public ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(sizeof(ulong), what));

    /// <summary>Reads a little-endian IEEE-754 binary64.</summary>
    /// <param name="what">Names the field in error messages.</param>
    /// <returns>The value.</returns>
    /// <exception cref="SealFormatException">Fewer than 8 bytes remain.</exception>
    public double ReadDouble(string what) => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double), what));

    /// <summary>Reads <paramref name="count"/> bytes as a view into the data (no copy).</summary>
    /// <param name="count">How many bytes.</param>
    /// <param name="what">Names the field in error messages.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="SealFormatException">The count is negative or more than remain.</exception>
    public ReadOnlySpan<byte> ReadBytes(int count, string what)
    {
        if (count < 0)
        {
            throw new SealFormatException($"{what}: negative length {count} at offset {AbsolutePosition}.");
        }

        return Take(count, what);
    }

    /// <summary>
    /// Reads and validates the header of a nested object (seal-compat.md §1.3): a valid SEAL header, compression
    /// mode 0, and a declared size that fits in what remains (header included). The position moves past the header.
    /// </summary>
    /// <param name="what">Names the nested object in error messages.</param>
    /// <returns>The header; its size counts the 16 header bytes.</returns>
    /// <exception cref="SealFormatException">The header is invalid, compressed, or declares more bytes than remain.</exception>
    public SealHeader ReadNestedHeader(string what)
    {
        long at = AbsolutePosition;
        if (Remaining < SealHeader.ByteCount)
        {
            throw new SealFormatException($"Unexpected end of data reading the header of {what}: needs {SealHeader.ByteCount} bytes at offset {at}, {Remaining} remain.");
        }

        SealHeader header;
        try
        {
            header = SealHeader.Read(_data[_position..]);
        }
        catch (SealFormatException ex)
        {
            throw new SealFormatException($"{what} at offset {at}: {ex.Message}", ex);
        }

        if (header.ComprMode != ComprModeType.None)
        {
            throw new SealFormatException($"{what} at offset {at}: nested objects must be uncompressed, the header says {header.ComprMode}.");
        }

        if (header.Size > (ulong)Remaining)
        {
            throw new SealFormatException($"{what} at offset {at}: the nested header declares {header.Size} bytes but only {Remaining} remain.");
        }

        _position += SealHeader.ByteCount;
        return header;
    }

    /// <summary>
    /// Reads a whole nested object: validates its header as <see cref="ReadNestedHeader"/> does, moves past the object,
    /// and returns a reader over exactly its members (call <see cref="ExpectEnd"/> on it when done). Its error messages
    /// give offsets in the outermost data.
    /// </summary>
    /// <param name="what">Names the nested object in error messages.</param>
    /// <param name="header">The nested header.</param>
    /// <returns>A reader over the nested members.</returns>
    /// <exception cref="SealFormatException">The header is invalid, compressed, or declares more bytes than remain.</exception>
    public SealReader ReadNestedObject(string what, out SealHeader header)
    {
        header = ReadNestedHeader(what);
        int membersLength = (int)header.Size - SealHeader.ByteCount;
        long membersOrigin = AbsolutePosition;
        ReadOnlySpan<byte> members = Take(membersLength, what);
        return new SealReader(members, membersOrigin);
    }

    /// <summary>Checks that every byte has been consumed.</summary>
    /// <param name="what">Names the object in error messages.</param>
    /// <exception cref="SealFormatException">Bytes remain.</exception>
    public readonly void ExpectEnd(string what)
    {
        if (Remaining != 0)
        {
            throw new SealFormatException($"{what}: {Remaining} unexpected bytes remain at offset {AbsolutePosition}.");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw new SealFormatException($"Unexpected end of data reading {what}: needs {count} bytes at offset {AbsolutePosition}, {Remaining} remain.");
        }

        ReadOnlySpan<byte> slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
