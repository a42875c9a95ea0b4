using IcedServerless.Ckks.Serialization;
using IcedServerless.Ckks.Tests.Infrastructure;
using static IcedServerless.Ckks.Tests.Infrastructure.SealVectors;

namespace IcedServerless.Ckks.Tests.Scheme;

/// <summary>SEAL's ciphertexts decrypt and decode, with SEAL's secret key, to the known inputs.</summary>
public sealed class SealVectorDecryptTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "n8192", "ct_pk_v1.none.bin", "v1" },
        { "n8192", "ct_pk_v1.zlib.bin", "v1" },
        { "n8192", "ct_pk_v2.none.bin", "v2" },
        { "n8192", "ct_sym_v1.none.bin", "v1" },
        { "n8192", "ct_sym_v2.seeded.none.bin", "v2" },
        { "n8192", "op_add_ctpkv1_ctpkv2.none.bin", "v1+v2" },
        { "n8192", "op_multiply_plain_rescaled.none.bin", "v1*v2" },
        { "n8192", "op_square_relin_rescaled.none.bin", "v1*v1" },
        { "n8192", "op_multiply_relin.none.bin", "v1*v2" },
        { "n8192", "op_rotate_p3_ctpkv2.none.bin", "rot3(v2)" },
        { "n16384", "ct_pk_v1.none.bin", "v1" },
        { "n16384", "ct_sym_v1.none.bin", "v1" },
        { "n16384", "op_multiply_plain_rescaled.none.bin", "v1*v2" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Seal_ciphertexts_decrypt_to_the_known_values(string set, string file, string expectation)
    {
        var context = Context(set);
        var slots = context.SlotCount;
        double[] v1 = V1(slots), v2 = V2(slots);
        var expected = expectation switch
        {
            "v1" => v1,
            "v2" => v2,
            "v1+v2" => v1.Zip(v2, (a, b) => a + b).ToArray(),
            "v1*v2" => v1.Zip(v2, (a, b) => a * b).ToArray(),
            "v1*v1" => v1.Select(a => a * a).ToArray(),
            "rot3(v2)" => Rotate(v2, 3),
            _ => throw new ArgumentOutOfRangeException(nameof(expectation)),
        };

        using var secret = SecretKey(set);
        var plain = new Decryptor(context, secret).Decrypt(Ciphertext(set, file));
        var decoded = new CkksEncoder(context).Decode(plain);
        Assert.True(MaxError(decoded, expected) < 1e-5, $"max error {MaxError(decoded, expected)}");
    }

    [Fact]
    public void Zstd_ciphertext_loads_when_libzstd_is_present()
    {
        Assert.True(SealCompression.IsZstdAvailable, "libzstd.so.1 is expected on this platform");
        var zstd = Ciphertext("n8192", "ct_pk_v1.zstd.bin");
        var none = Ciphertext("n8192", "ct_pk_v1.none.bin");
        Assert.True(zstd.Data.SequenceEqual(none.Data));
    }
}
