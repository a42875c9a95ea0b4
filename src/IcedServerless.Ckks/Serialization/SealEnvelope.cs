namespace IcedServerless.Ckks.Serialization;

/// <summary>
/// The outer framing of a top-level SEAL object: a <see cref="SealHeader"/> followed by the members, stored as they
/// are or as one compressed stream (seal-compat.md §1.1–1.2). Opening checks the header and the exact size and
/// yields the (decompressed) members; sealing does the reverse.
/// </summary>
public static class SealEnvelope
{
    // First read buffer for stream input; it grows with the bytes that actually arrive, never ahead of them.
    private const int InitialStreamBuffer = 1 << 20;

    /// <summary>Validates the object in <paramref name="data"/>, which must be exactly one object, and returns its members.</summary>
    /// <param name="data">The whole serialized object.</param>
    /// <param name="maxMembersBytes">Most bytes the members may have after decompression.</param>
    /// <param name="header">The object's header.</param>
    /// <returns>The members: a slice of <paramref name="data"/> when uncompressed (no copy), otherwise a new array.</returns>
    /// <exception cref="SealFormatException">Bad header, truncated data, trailing bytes, corrupt compression, or members over the limit.</exception>
    public static ReadOnlyMemory<byte> Open(ReadOnlyMemory<byte> data, long maxMembersBytes, out SealHeader header) =>
        Open(data, maxMembersBytes, allowTrailing: false, out header);

    /// <summary>As <see cref="Open(ReadOnlyMemory{byte}, long, out SealHeader)"/>, optionally ignoring bytes after the object.</summary>
    /// <param name="data">Starts with a serialized object.</param>
    /// <param name="maxMembersBytes">Most bytes the members may have after decompression.</param>
    /// <param name="allowTrailing">Whether bytes after <c>header.Size</c> are ignored (true) or an error (false).</param>
    /// <param name="header">The object's header; <c>Size</c> says where the object ends.</param>
    /// <returns>The members.</returns>
    /// <exception cref="SealFormatException">Bad header, truncated data, unexpected trailing bytes, corrupt compression, or members over the limit.</exception>
    public static ReadOnlyMemory<byte> Open(ReadOnlyMemory<byte> data, long maxMembersBytes, bool allowTrailing, out SealHeader header)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMembersBytes);
        header = SealHeader.Read(data.Span);
        if (header.Size > (ulong)data.Length)
        {
            throw new SealFormatException($"SEAL object: the header declares {header.Size} bytes but only {data.Length} are present (truncated).");
        }

        if (!allowTrailing && header.Size < (ulong)data.Length)
        {
            throw new SealFormatException($"SEAL object: {(ulong)data.Length - header.Size} unexpected bytes follow the {header.Size}-byte object.");
        }

        ReadOnlyMemory<byte> stored = data[SealHeader.ByteCount..(int)header.Size];
        if (header.ComprMode != ComprModeType.None)
        {
            return SealCompression.Decompress(header.ComprMode, stored.Span, maxMembersBytes);
        }

        if (stored.Length > maxMembersBytes)
        {
            throw new SealFormatException($"SEAL object: the members are {stored.Length} bytes, more than the limit of {maxMembersBytes} bytes.");
        }

        return stored;
    }

    /// <summary>
    /// Reads exactly one object from <paramref name="stream"/> (leaving it positioned just after the object) and
    /// returns its members. The declared size is checked against <paramref name="maxObjectBytes"/> before anything is
    /// allocated, and memory then grows only with the bytes that actually arrive.
    /// </summary>
    /// <param name="stream">The source.</param>
    /// <param name="maxObjectBytes">Most bytes the object may declare, header included.</param>
    /// <param name="maxMembersBytes">Most bytes the members may have after decompression.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The members.</returns>
    /// <exception cref="SealFormatException">Bad header, declared size over the limit, stream ended early, corrupt compression, or members over the limit.</exception>
    public static async ValueTask<ReadOnlyMemory<byte>> ReadAsync(
        Stream stream, long maxObjectBytes, long maxMembersBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(maxObjectBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(maxMembersBytes);

        byte[] headerBytes = new byte[SealHeader.ByteCount];
        int got = await stream.ReadAtLeastAsync(headerBytes, headerBytes.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got < headerBytes.Length)
        {
            throw new SealFormatException($"SEAL object: the stream ended after {got} of the {SealHeader.ByteCount} header bytes.");
        }

        SealHeader header = SealHeader.Read(headerBytes);
        if (header.Size > (ulong)maxObjectBytes || header.Size > (ulong)Array.MaxLength)
        {
            throw new SealFormatException($"SEAL object: the header declares {header.Size} bytes, more than the limit of {Math.Min(maxObjectBytes, Array.MaxLength)} bytes.");
        }

        int size = (int)header.Size;
        if (stream.CanSeek && stream.Length - stream.Position < size - SealHeader.ByteCount)
        {
            throw new SealFormatException($"SEAL object: the header declares {size} bytes but the stream holds only {SealHeader.ByteCount + stream.Length - stream.Position}.");
        }

        byte[] buffer = new byte[Math.Min(size, InitialStreamBuffer)];
        headerBytes.CopyTo(buffer, 0);
        int filled = SealHeader.ByteCount;
        while (filled < size)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(size, 2L * buffer.Length));
            }

            int read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new SealFormatException($"SEAL object: the stream ended after {filled} of the {size} declared bytes.");
            }

            filled += read;
        }

        return Open(buffer, maxMembersBytes, out _);
    }

    /// <summary>Wraps <paramref name="members"/> into a complete object: a version-4.1 header, then the stored members.</summary>
    /// <param name="members">The serialized members.</param>
    /// <param name="mode">How to store them.</param>
    /// <returns>The object bytes; the header's size is their length.</returns>
    /// <exception cref="PlatformNotSupportedException">zstd was asked for and libzstd is unavailable.</exception>
    public static byte[] Seal(ReadOnlySpan<byte> members, ComprModeType mode)
    {
        byte[]? compressed = mode == ComprModeType.None ? null : SealCompression.Compress(mode, members);
        ReadOnlySpan<byte> stored = compressed ?? members;
        byte[] result = new byte[checked(SealHeader.ByteCount + stored.Length)];
        SealHeader.ForWrite(mode, (ulong)result.Length).Write(result);
        stored.CopyTo(result.AsSpan(SealHeader.ByteCount));
        return result;
    }
}
