using IcedServerless.Ckks.Hashing;
using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks.Tests.Hashing;

/// <summary>
/// A ciphertext's members as laid out in seal-compat.md §1.9, parsed with <see cref="SealReader"/> only, to reach the
/// seeds and polynomials of the test vectors. Full form: <see cref="Data"/> holds all polynomials. Seeded form:
/// <see cref="Data"/> holds polynomial 0 and <see cref="Seed"/> is set.
/// </summary>
internal sealed record SealCiphertextFile(
    ulong[] ParmsId, ulong Size, int N, int PrimeCount, double Scale, ulong[] Data, PrngType? PrngType, byte[]? Seed)
{
    private const int MaxWords = 1 << 24;

    /// <summary>Parses a whole top-level object file (PublicKey or Ciphertext).</summary>
    public static SealCiphertextFile Load(string path)
    {
        ReadOnlyMemory<byte> members = SealEnvelope.Open(File.ReadAllBytes(path), int.MaxValue, out _);
        var reader = new SealReader(members.Span);
        var result = Parse(ref reader);
        reader.ExpectEnd(path);
        return result;
    }

    /// <summary>Parses ciphertext members at the reader's position (for key ciphertexts nested in key files).</summary>
    public static SealCiphertextFile Parse(ref SealReader reader)
    {
        var parmsId = new ulong[4];
        SealNested.ReadWords(ref reader, parmsId, "parms_id");
        Assert.NotEqual(0, reader.ReadByte("is_ntt_form"));
        ulong size = reader.ReadUInt64("size");
        int n = checked((int)reader.ReadUInt64("poly_modulus_degree"));
        int k = checked((int)reader.ReadUInt64("coeff_modulus_size"));
        double scale = reader.ReadDouble("scale");
        Assert.Equal(1UL, reader.ReadUInt64("correction_factor"));
        ulong count = SealNested.ReadDynArrayCount(ref reader, MaxWords);
        var data = new ulong[count];
        SealNested.ReadWords(ref reader, data, "ciphertext data");
        if (count == size * (ulong)n * (ulong)k)
        {
            return new SealCiphertextFile(parmsId, size, n, k, scale, data, null, null);
        }

        Assert.Equal(2UL, size);
        Assert.Equal((ulong)n * (ulong)k, count);
        (PrngType type, byte[] seed) = SealNested.ReadPrngInfo(ref reader);
        return new SealCiphertextFile(parmsId, size, n, k, scale, data, type, seed);
    }

    /// <summary>Polynomial <paramref name="index"/> (all its prime blocks) of a full-form ciphertext.</summary>
    public ReadOnlySpan<ulong> Polynomial(int index) => Data.AsSpan(index * N * PrimeCount, N * PrimeCount);
}
