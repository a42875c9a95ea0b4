using System.Buffers.Binary;

namespace IcedServerless.Ckks.Serialization;

/// <summary>
/// The 16-byte header that starts every SEAL object, nested ones included (seal-compat.md §1.1): magic 0xA15E,
/// header size 16, version, compression mode, two reserved bytes, and the object's total size including the header.
/// </summary>
/// <param name="VersionMajor">SEAL major version (4; 3 for legacy objects).</param>
/// <param name="VersionMinor">SEAL minor version.</param>
/// <param name="ComprMode">How the members are stored.</param>
/// <param name="Size">Total object length in bytes, these 16 included (compressed length when compressed).</param>
public readonly record struct SealHeader(byte VersionMajor, byte VersionMinor, ComprModeType ComprMode, ulong Size)
{
    /// <summary>Length of the header.</summary>
    public const int ByteCount = 16;

    /// <summary>The magic number (bytes <c>5E A1</c>).</summary>
    public const ushort Magic = 0xA15E;

    /// <summary>The version a writer emits: 4.1, the only 4.x version SEAL 4.1 (node-seal 6) accepts.</summary>
    public const byte WriteVersionMajor = 4;

    /// <summary>Minor part of <see cref="WriteVersionMajor"/>.</summary>
    public const byte WriteVersionMinor = 1;

    // The 4.x member layouts are identical up to 4.4 (§1.1); SEAL 3.4+ used the same header and layouts.
    private const byte MaxMinorV4 = 4;
    private const byte MinMinorV3 = 4;

    /// <summary>Parses and validates the header at the start of <paramref name="source"/>.</summary>
    /// <param name="source">At least 16 bytes.</param>
    /// <returns>The header.</returns>
    /// <exception cref="SealFormatException">Too short, wrong magic or header size, unsupported version or mode, or a size below 16.</exception>
    public static SealHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < ByteCount)
        {
            throw new SealFormatException($"SEAL header: needs {ByteCount} bytes, only {source.Length} available.");
        }

        ushort magic = BinaryPrimitives.ReadUInt16LittleEndian(source);
        if (magic != Magic)
        {
            throw new SealFormatException($"SEAL header: magic is 0x{magic:X4}, expected 0x{Magic:X4}.");
        }

        if (source[2] != ByteCount)
        {
            throw new SealFormatException($"SEAL header: header size is {source[2]}, expected {ByteCount}.");
        }

        byte major = source[3];
        byte minor = source[4];
        bool compatible = (major == 4 && minor <= MaxMinorV4) || (major == 3 && minor >= MinMinorV3);
        if (!compatible)
        {
            throw new SealFormatException($"SEAL header: version {major}.{minor} is not supported (accepted: 4.0–4.{MaxMinorV4}, 3.{MinMinorV3}+).");
        }

        byte mode = source[5];
        if (mode > (byte)ComprModeType.Zstd)
        {
            throw new SealFormatException($"SEAL header: compression mode {mode} is unknown (0 none, 1 zlib, 2 zstd).");
        }

        ulong size = BinaryPrimitives.ReadUInt64LittleEndian(source[8..]);
        if (size < ByteCount)
        {
            throw new SealFormatException($"SEAL header: object size {size} is smaller than the {ByteCount}-byte header.");
        }

        return new SealHeader(major, minor, (ComprModeType)mode, size);
    }

    /// <summary>A version-4.1 header for writing.</summary>
    /// <param name="mode">The compression mode.</param>
    /// <param name="size">Total object size including the header; at least 16.</param>
    /// <returns>The header.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 16 or the mode is undefined.</exception>
    public static SealHeader ForWrite(ComprModeType mode, ulong size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, (ulong)ByteCount);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown compression mode.");
        }

        return new SealHeader(WriteVersionMajor, WriteVersionMinor, mode, size);
    }

    /// <summary>Writes the 16 header bytes (reserved bytes zero).</summary>
    /// <param name="destination">At least 16 bytes.</param>
    /// <exception cref="ArgumentException">The destination is shorter than 16 bytes.</exception>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < ByteCount)
        {
            throw new ArgumentException($"A SEAL header needs {ByteCount} bytes, the destination has {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16LittleEndian(destination, Magic);
        destination[2] = ByteCount;
        destination[3] = VersionMajor;
        destination[4] = VersionMinor;
        destination[5] = (byte)ComprMode;
        destination[6] = 0;
        destination[7] = 0;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Size);
    }
}
