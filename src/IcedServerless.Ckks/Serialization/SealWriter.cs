using System.Buffers.Binary;

namespace IcedServerless.Ckks.Serialization;

/// <summary>
/// Appends little-endian fields to a growable buffer, with helpers for nested objects whose size is only known
/// after their members are written. Pre-size it with the expected length to avoid regrowth of large objects.
/// </summary>
public sealed class SealWriter
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a writer.</summary>
    /// <param name="initialCapacity">Bytes to allocate up front.</param>
    public SealWriter(int initialCapacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _buffer = new byte[initialCapacity];
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Appends one byte.</summary>
    /// <param name="v">The byte.</param>
    public void WriteByte(byte v) => GetSpan(1)[0] = v;

    /// <summary>Appends a little-endian 64-bit word.</summary>
    /// <param name="v">The word.</param>
    public void WriteUInt64(ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(GetSpan(sizeof(ulong)), v);

    /// <summary>Appends a little-endian IEEE-754 binary64.</summary>
    /// <param name="v">The value.</param>
    public void WriteDouble(double v) => BinaryPrimitives.WriteDoubleLittleEndian(GetSpan(sizeof(double)), v);

    /// <summary>Appends raw bytes.</summary>
    /// <param name="v">The bytes.</param>
    public void WriteBytes(ReadOnlySpan<byte> v) => v.CopyTo(GetSpan(v.Length));

    /// <summary>Reserves <paramref name="count"/> bytes at the end, counts them as written, and returns them (zeroed) for filling.</summary>
    /// <param name="count">How many bytes.</param>
    /// <returns>The reserved bytes, valid until the next write.</returns>
    public Span<byte> GetSpan(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int end = checked(_length + count);
        if (end > _buffer.Length)
        {
            long grown = Math.Max(end, Math.Min(Array.MaxLength, 2L * _buffer.Length));
            Array.Resize(ref _buffer, (int)grown);
        }

        Span<byte> span = _buffer.AsSpan(_length, count);
        _length = end;
        return span;
    }

    /// <summary>Writes a placeholder nested header (version 4.1, mode 0) and returns its offset for <see cref="EndNested"/>.</summary>
    /// <returns>The offset of the nested header.</returns>
    public int BeginNested()
    {
        int offset = _length;
        SealHeader.ForWrite(ComprModeType.None, SealHeader.ByteCount).Write(GetSpan(SealHeader.ByteCount));
        return offset;
    }

    /// <summary>Sets the size of the nested object begun at <paramref name="headerOffset"/> to everything written since.</summary>
    /// <param name="headerOffset">What <see cref="BeginNested"/> returned.</param>
    /// <exception cref="ArgumentException">No nested header starts at that offset.</exception>
    public void EndNested(int headerOffset)
    {
        if (headerOffset < 0 || headerOffset > _length - SealHeader.ByteCount
            || BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(headerOffset)) != SealHeader.Magic)
        {
            throw new ArgumentException($"No nested header begins at offset {headerOffset}.", nameof(headerOffset));
        }

        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(headerOffset + 8), (ulong)(_length - headerOffset));
    }

    /// <summary>Copies the written bytes into a new array.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray() => WrittenSpan.ToArray();
}
