using System.Buffers.Binary;
using System.Runtime.InteropServices;
using IcedServerless.Ckks.Hashing;

namespace IcedServerless.Ckks.Serialization;

/// <summary>
/// The nested SEAL objects every CKKS object is built from: Modulus (§1.4), DynArray (§1.7) and PRNG info (§1.9,
/// §1.12), plus bulk word copies. Readers check each nested object's exact size and value ranges, and check sizes
/// before the caller allocates anything.
/// </summary>
public static class SealNested
{
    /// <summary>Serialized size of a nested Modulus: header + one word.</summary>
    public const int ModulusBytes = SealHeader.ByteCount + sizeof(ulong);

    /// <summary>Serialized size of a DynArray's header and count (its words follow).</summary>
    public const int DynArrayHeaderBytes = SealHeader.ByteCount + sizeof(ulong);

    /// <summary>Serialized size of a nested PRNG info: header + type byte + 64-byte seed.</summary>
    public const int PrngInfoBytes = SealHeader.ByteCount + 1 + SealPrng.SeedBytes;

    // SEAL's Modulus accepts 0 or a value of 2 up to 61 bits.
    private const int MaxModulusBits = 61;

    /// <summary>Writes a nested Modulus.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="value">0, or 2 ≤ value &lt; 2^61.</param>
    /// <exception cref="ArgumentOutOfRangeException">SEAL would refuse the value.</exception>
    public static void WriteModulus(SealWriter w, ulong value)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (!IsValidModulus(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A SEAL modulus is 0 or between 2 and 2^61 - 1.");
        }

        SealHeader.ForWrite(ComprModeType.None, ModulusBytes).Write(w.GetSpan(SealHeader.ByteCount));
        w.WriteUInt64(value);
    }

    /// <summary>Reads a nested Modulus.</summary>
    /// <param name="r">The reader.</param>
    /// <returns>The value: 0, or 2 ≤ value &lt; 2^61.</returns>
    /// <exception cref="SealFormatException">Bad header, wrong size, or a value SEAL refuses.</exception>
    public static ulong ReadModulus(ref SealReader r)
    {
        SealHeader header = r.ReadNestedHeader("Modulus");
        if (header.Size != ModulusBytes)
        {
            throw new SealFormatException($"Modulus: nested size is {header.Size}, expected {ModulusBytes}.");
        }

        ulong value = r.ReadUInt64("Modulus value");
        if (!IsValidModulus(value))
        {
            throw new SealFormatException($"Modulus: value {value} is invalid (must be 0 or between 2 and 2^{MaxModulusBits} - 1).");
        }

        return value;
    }

    /// <summary>Writes a DynArray's nested header (its size computed from <paramref name="count"/>) and count; write the words next.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="count">Number of words that follow.</param>
    public static void WriteDynArrayHeader(SealWriter w, ulong count)
    {
        ArgumentNullException.ThrowIfNull(w);
        ulong size = checked(DynArrayHeaderBytes + (count * sizeof(ulong)));
        SealHeader.ForWrite(ComprModeType.None, size).Write(w.GetSpan(SealHeader.ByteCount));
        w.WriteUInt64(count);
    }

    /// <summary>
    /// Reads a DynArray's nested header and count and checks, before the caller allocates, that the count is at most
    /// <paramref name="maxCount"/>, that its words are all present, and that the nested size matches exactly.
    /// </summary>
    /// <param name="r">The reader; afterwards positioned at the first word.</param>
    /// <param name="maxCount">Largest acceptable count (for CKKS usually the exact expected count).</param>
    /// <returns>The count.</returns>
    /// <exception cref="SealFormatException">Bad header, count over the limit or over what remains, or a size mismatch.</exception>
    public static ulong ReadDynArrayCount(ref SealReader r, ulong maxCount)
    {
        SealHeader header = r.ReadNestedHeader("DynArray");
        ulong count = r.ReadUInt64("DynArray count");
        if (count > maxCount)
        {
            throw new SealFormatException($"DynArray: count {count} exceeds the limit of {maxCount}.");
        }

        if (count > (ulong)r.Remaining / sizeof(ulong))
        {
            throw new SealFormatException($"DynArray: count {count} needs {count * sizeof(ulong)} bytes but only {r.Remaining} remain.");
        }

        ulong expected = DynArrayHeaderBytes + (count * sizeof(ulong));
        if (header.Size != expected)
        {
            throw new SealFormatException($"DynArray: nested size is {header.Size}, expected {expected} for {count} words.");
        }

        return count;
    }

    /// <summary>Writes a nested PRNG info object (the seed of a seeded ciphertext).</summary>
    /// <param name="w">The writer.</param>
    /// <param name="type">The generator that expands the seed.</param>
    /// <param name="seed64">The 64-byte seed.</param>
    /// <exception cref="ArgumentException">The seed is not 64 bytes or the type is not a generator.</exception>
    public static void WritePrngInfo(SealWriter w, PrngType type, ReadOnlySpan<byte> seed64)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (type is not (PrngType.Blake2Xb or PrngType.Shake256))
        {
            throw new ArgumentException($"PRNG type {type} cannot expand a seed.", nameof(type));
        }

        if (seed64.Length != SealPrng.SeedBytes)
        {
            throw new ArgumentException($"A seed has {SealPrng.SeedBytes} bytes, not {seed64.Length}.", nameof(seed64));
        }

        SealHeader.ForWrite(ComprModeType.None, PrngInfoBytes).Write(w.GetSpan(SealHeader.ByteCount));
        w.WriteByte((byte)type);
        w.WriteBytes(seed64);
    }

    /// <summary>Reads a nested PRNG info object.</summary>
    /// <param name="r">The reader.</param>
    /// <returns>The generator type (BLAKE2Xb or SHAKE256) and a copy of the 64-byte seed.</returns>
    /// <exception cref="SealFormatException">Bad header, wrong size, or an unknown generator.</exception>
    public static (PrngType Type, byte[] Seed) ReadPrngInfo(ref SealReader r)
    {
        SealHeader header = r.ReadNestedHeader("PRNG info");
        if (header.Size != PrngInfoBytes)
        {
            throw new SealFormatException($"PRNG info: nested size is {header.Size}, expected {PrngInfoBytes}.");
        }

        byte type = r.ReadByte("PRNG info type");
        if (type is not ((byte)PrngType.Blake2Xb or (byte)PrngType.Shake256))
        {
            throw new SealFormatException($"PRNG info: prng_type {type} is not supported (1 = BLAKE2Xb, 2 = SHAKE256).");
        }

        byte[] seed = r.ReadBytes(SealPrng.SeedBytes, "PRNG info seed").ToArray();
        return ((PrngType)type, seed);
    }

    /// <summary>Reads <c>dest.Length</c> little-endian words.</summary>
    /// <param name="r">The reader.</param>
    /// <param name="dest">Receives the words.</param>
    /// <exception cref="SealFormatException">Too few bytes remain.</exception>
    public static void ReadWords(ref SealReader r, Span<ulong> dest) => ReadWords(ref r, dest, "words");

    /// <summary>Reads <c>dest.Length</c> little-endian words, naming them in error messages.</summary>
    /// <param name="r">The reader.</param>
    /// <param name="dest">Receives the words.</param>
    /// <param name="what">Names the words in error messages.</param>
    /// <exception cref="SealFormatException">Too few bytes remain.</exception>
    public static void ReadWords(ref SealReader r, Span<ulong> dest, string what)
    {
        long byteCount = (long)dest.Length * sizeof(ulong);
        if (byteCount > r.Remaining)
        {
            throw new SealFormatException($"Unexpected end of data reading {what}: {dest.Length} words need {byteCount} bytes at offset {r.AbsolutePosition}, {r.Remaining} remain.");
        }

        ReadOnlySpan<byte> bytes = r.ReadBytes((int)byteCount, what);
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(dest));
            return;
        }

        for (int i = 0; i < dest.Length; i++)
        {
            dest[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * sizeof(ulong))..]);
        }
    }

    /// <summary>Appends words in little-endian order.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="src">The words.</param>
    public static void WriteWords(SealWriter w, ReadOnlySpan<ulong> src)
    {
        ArgumentNullException.ThrowIfNull(w);
        Span<byte> bytes = w.GetSpan(checked(src.Length * sizeof(ulong)));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(src).CopyTo(bytes);
            return;
        }

        for (int i = 0; i < src.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[(i * sizeof(ulong))..], src[i]);
        }
    }

    private static bool IsValidModulus(ulong value) => value == 0 || (value >= 2 && value >> MaxModulusBits == 0);
}
