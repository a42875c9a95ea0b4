namespace IcedServerless.Ckks.Serialization;

/// <summary>
/// The compression of SEAL object members (seal-compat.md §1.2): zlib through the BCL, zstd through the system
/// libzstd when present. Decompression is bounded: it never holds more than the caller's limit, whatever sizes the
/// compressed data declares, so a small upload cannot expand into a large allocation.
/// </summary>
public static class SealCompression
{
    /// <summary>Whether zstd (mode 2) can be read and written here: libzstd (<c>libzstd.so.1</c> on Linux) was found.</summary>
    public static bool IsZstdAvailable => ZstdLibrary.Default is not null;

    /// <summary>Decompresses <paramref name="compressed"/> into a new array of at most <paramref name="maxOutputBytes"/> bytes.</summary>
    /// <param name="mode">The header's compression mode; <see cref="ComprModeType.None"/> copies.</param>
    /// <param name="compressed">Exactly one zlib stream or zstd frame (nothing before or after it).</param>
    /// <param name="maxOutputBytes">Most bytes the result may have.</param>
    /// <returns>The decompressed bytes.</returns>
    /// <exception cref="SealFormatException">The data is corrupt, truncated, has trailing bytes, exceeds the limit, or is zstd and zstd is unavailable.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is negative or the mode is undefined.</exception>
    public static byte[] Decompress(ComprModeType mode, ReadOnlySpan<byte> compressed, long maxOutputBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutputBytes);
        switch (mode)
        {
            case ComprModeType.None:
                if (compressed.Length > maxOutputBytes)
                {
                    throw new SealFormatException($"Uncompressed members are {compressed.Length} bytes, more than the limit of {maxOutputBytes} bytes.");
                }

                return compressed.ToArray();
            case ComprModeType.ZLib:
                return ZlibCodec.Decompress(compressed, maxOutputBytes);
            case ComprModeType.Zstd:
                return ZstdCodec.Decompress(ZstdLibrary.Default, compressed, maxOutputBytes);
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown compression mode.");
        }
    }

    /// <summary>Compresses <paramref name="raw"/>: zlib as RFC 1950 at the default level, zstd at level 3 (SEAL's choices).</summary>
    /// <param name="mode">The compression mode; <see cref="ComprModeType.None"/> copies.</param>
    /// <param name="raw">The members.</param>
    /// <returns>The stored bytes.</returns>
    /// <exception cref="PlatformNotSupportedException">zstd was asked for and libzstd is unavailable (<see cref="IsZstdAvailable"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The mode is undefined.</exception>
    public static byte[] Compress(ComprModeType mode, ReadOnlySpan<byte> raw) => mode switch
    {
        ComprModeType.None => raw.ToArray(),
        ComprModeType.ZLib => ZlibCodec.Compress(raw),
        ComprModeType.Zstd => ZstdCodec.Compress(ZstdLibrary.Default, raw),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown compression mode."),
    };
}
