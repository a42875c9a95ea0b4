using IcedServerless.Ckks.Hashing;
using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks.IO;

/// <summary>
/// SEAL's Ciphertext members (parms_id, is_ntt_form, size, N, k, scale, correction_factor, DynArray[, PRNG info]),
/// shared by ciphertexts, public keys and key-switching keys. Every check happens before the allocation it sizes.
/// </summary>
internal static class CiphertextFormat
{
    public enum LevelRule
    {
        /// <summary>A data level (never the key level when there is a special prime).</summary>
        DataLevel,

        /// <summary>The key level (public keys and key-switching keys).</summary>
        KeyLevel,
    }

    private const int FixedMembers = 32 + 1 + (8 * 5);
    private const int DynArrayOverhead = SealHeader.ByteCount + 8;
    private const int PrngInfoBytes = SealHeader.ByteCount + 1 + SealPrng.SeedBytes;

    public static long FullSize(Ciphertext ct) =>
        SealHeader.ByteCount + FixedMembers + DynArrayOverhead + (8L * ct.Size * ct.PolyLength);

    public static long SeededSize(Ciphertext ct) =>
        SealHeader.ByteCount + FixedMembers + DynArrayOverhead + (8L * ct.PolyLength) + PrngInfoBytes;

    public static long MaxMembersBytes(CkksContext context) => Math.Min(Array.MaxLength,
        FixedMembers + DynArrayOverhead + PrngInfoBytes +
        (8L * Ciphertext.MaxSize * context.PolyModulusDegree * context.KeyContextData.PrimeCount));

    public static void Write(SealWriter writer, Ciphertext ct, bool seeded)
    {
        if (seeded && (ct.Seed is null || ct.Size != 2))
        {
            throw new InvalidOperationException("this object has no seed to save in seeded form");
        }

        WriteParmsId(writer, ct.ParmsId);
        writer.WriteByte(1);
        writer.WriteUInt64((ulong)ct.Size);
        writer.WriteUInt64((ulong)ct.PolyModulusDegree);
        writer.WriteUInt64((ulong)ct.CoeffModulusSize);
        writer.WriteDouble(ct.Scale);
        writer.WriteUInt64(1); // correction_factor: always 1 for CKKS
        var words = seeded ? ct.Poly(0) : ct.RawData.AsSpan(0, ct.Size * ct.PolyLength);
        SealNested.WriteDynArrayHeader(writer, (ulong)words.Length);
        SealNested.WriteWords(writer, words);
        if (seeded)
        {
            SealNested.WritePrngInfo(writer, ct.Seed!.Type, ct.Seed.Seed);
        }
    }

    public static Ciphertext Read(ref SealReader reader, CkksContext context, LevelRule rule)
    {
        var parmsId = ReadParmsId(ref reader, "Ciphertext.parms_id");
        var level = context.TryGetContextData(parmsId)
            ?? throw new SealFormatException($"Ciphertext.parms_id {parmsId} is not a level of these encryption parameters");
        var isKeyLevel = level.ChainIndex == context.KeyContextData.ChainIndex && context.UsingKeySwitching;
        if (rule == LevelRule.DataLevel && isKeyLevel)
        {
            throw new SealFormatException("Ciphertext is at the key level; data ciphertexts must be at a data level");
        }

        if (rule == LevelRule.KeyLevel && level.ChainIndex != context.KeyContextData.ChainIndex)
        {
            throw new SealFormatException($"key ciphertext is at chain index {level.ChainIndex}; keys must be at the key level");
        }

        if (reader.ReadByte("Ciphertext.is_ntt_form") == 0)
        {
            throw new SealFormatException("Ciphertext.is_ntt_form is false; CKKS ciphertexts are always in NTT form");
        }

        var size = reader.ReadUInt64("Ciphertext.size");
        var maxSize = rule == LevelRule.KeyLevel ? 2UL : Ciphertext.MaxSize;
        if (size < 2 || size > maxSize)
        {
            throw new SealFormatException($"Ciphertext.size is {size}; allowed 2 to {maxSize}");
        }

        var n = reader.ReadUInt64("Ciphertext.poly_modulus_degree");
        if (n != (ulong)context.PolyModulusDegree)
        {
            throw new SealFormatException($"Ciphertext.poly_modulus_degree is {n}; the parameters say {context.PolyModulusDegree}");
        }

        var k = reader.ReadUInt64("Ciphertext.coeff_modulus_size");
        if (k != (ulong)level.PrimeCount)
        {
            throw new SealFormatException($"Ciphertext.coeff_modulus_size is {k}; its level has {level.PrimeCount} primes");
        }

        var scale = reader.ReadDouble("Ciphertext.scale");
        if (!level.IsScaleWithinBounds(scale))
        {
            throw new SealFormatException($"Ciphertext.scale {scale} is out of bounds for a {level.TotalCoeffModulusBitCount}-bit level");
        }

        var correction = reader.ReadUInt64("Ciphertext.correction_factor");
        if (correction != 1)
        {
            throw new SealFormatException($"Ciphertext.correction_factor is {correction}; CKKS requires 1");
        }

        var polyWords = (ulong)context.PolyModulusDegree * k;
        var count = SealNested.ReadDynArrayCount(ref reader, size * polyWords);
        var seeded = count != size * polyWords;
        if (seeded && !(size == 2 && count == polyWords))
        {
            throw new SealFormatException($"Ciphertext data has {count} words; expected {size * polyWords} (or {polyWords} in seeded form)");
        }

        var ct = new Ciphertext(level, context.PolyModulusDegree, (int)size, scale);
        var stored = ct.RawData.AsSpan(0, (int)count);
        SealNested.ReadWords(ref reader, stored);
        ValidateWords(stored, level, context.PolyModulusDegree, "Ciphertext");
        if (seeded)
        {
            var (type, seed) = SealNested.ReadPrngInfo(ref reader);
            var prng = CreatePrng(seed, type);
            Sampler.Uniform(prng, level.CoeffModulus.ToArray(), context.PolyModulusDegree, ct.Poly(1));
        }

        return ct;
    }

    /// <summary>Every word must be below the prime of its block (SEAL's <c>is_data_valid_for</c>).</summary>
    public static void ValidateWords(ReadOnlySpan<ulong> words, ContextData level, int n, string what)
    {
        var k = level.PrimeCount;
        for (var offset = 0; offset < words.Length; offset += n)
        {
            var j = (offset / n) % k;
            var q = level.CoeffModulus[j];
            var block = words.Slice(offset, n);
            var bad = IndexOfAtLeast(block, q);
            if (bad >= 0)
            {
                throw new SealFormatException(
                    $"{what} data is invalid: word {offset + bad} is {block[bad]}, not below its prime {q}");
            }
        }
    }

    public static void WriteParmsId(SealWriter writer, ParmsId id)
    {
        writer.WriteUInt64(id.Word0);
        writer.WriteUInt64(id.Word1);
        writer.WriteUInt64(id.Word2);
        writer.WriteUInt64(id.Word3);
    }

    public static ParmsId ReadParmsId(ref SealReader reader, string what) => new(
        reader.ReadUInt64(what), reader.ReadUInt64(what), reader.ReadUInt64(what), reader.ReadUInt64(what));

    private static SealPrng CreatePrng(byte[] seed, PrngType type)
    {
        if (type is not (PrngType.Blake2Xb or PrngType.Shake256))
        {
            throw new SealFormatException($"seeded object names PRNG type {(byte)type}; only BLAKE2Xb (1) and SHAKE256 (2) exist");
        }

        try
        {
            return new SealPrng(seed, type);
        }
        catch (PlatformNotSupportedException e)
        {
            throw new SealFormatException("seeded object uses SHAKE256, which this platform does not provide", e);
        }
    }

    private static int IndexOfAtLeast(ReadOnlySpan<ulong> block, ulong bound)
    {
        for (var i = 0; i < block.Length; i++)
        {
            if (block[i] >= bound)
            {
                return i;
            }
        }

        return -1;
    }
}
