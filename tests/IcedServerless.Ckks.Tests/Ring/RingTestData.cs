using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using IcedServerless.Ckks.Tests.Infrastructure;

namespace IcedServerless.Ckks.Tests.Ring;

/// <summary>Reads the SEAL 4.1 vectors the ring tests need (testdata/seal-4.1, see its README).</summary>
internal static class RingTestData
{
    /// <summary>The coeff_modulus of the n8192 set, [60, 40, 40, 60] bits (README "Parameters").</summary>
    public static readonly ulong[] N8192Primes = [1152921504606748673, 1099510890497, 1099511480321, 1152921504606830593];

    /// <summary>The coeff_modulus of the n16384 set, [60, 40 x6, 60] bits.</summary>
    public static readonly ulong[] N16384Primes =
    [
        1152921504606683137, 1099505827841, 1099506352129, 1099506515969,
        1099507695617, 1099508121601, 1099510054913, 1152921504606748673,
    ];

    // Serialized layouts (seal-compat.md section 1): a 16-byte header, the members, then a nested DynArray whose own
    // 16-byte header and 8-byte count precede the words.
    private const int HeaderBytes = 16;
    private const int DynArrayPrefixBytes = HeaderBytes + 8;

    /// <summary>Plaintext / SecretKey members: parms_id (32), coeff_count (8), scale (8).</summary>
    public const int PlaintextDataOffset = HeaderBytes + 32 + 8 + 8 + DynArrayPrefixBytes;

    /// <summary>Ciphertext members: parms_id (32), is_ntt_form (1), size, N, k, scale, correction_factor (8 each).</summary>
    public const int CiphertextDataOffset = HeaderBytes + 32 + 1 + 8 * 5 + DynArrayPrefixBytes;

    public static JsonElement DerivedKat() => Load("derived_kat.json");

    public static JsonElement Manifest() => Load("manifest.json");

    /// <summary>The little-endian words of an uncompressed object starting at <paramref name="offset"/>, after
    /// checking that the header's size field equals the file length.</summary>
    public static ulong[] ReadWords(string relativePath, int offset, int count)
    {
        var bytes = File.ReadAllBytes(RepoPaths.SealVectors(relativePath));
        Assert.Equal((ulong)bytes.Length, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(0, bytes[5]);
        Assert.Equal(offset + 8L * count, bytes.Length);
        var words = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset + 8 * i));
        }

        return words;
    }

    public static ulong ParseUInt64(JsonElement element) => ulong.Parse(element.GetString()!, CultureInfo.InvariantCulture);

    private static JsonElement Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.SealVectors(name)));
        return document.RootElement.Clone();
    }
}
