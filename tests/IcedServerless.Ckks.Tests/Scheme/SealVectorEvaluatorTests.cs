using IcedServerless.Ckks.Serialization;
using IcedServerless.Ckks.Tests.Infrastructure;
using static IcedServerless.Ckks.Tests.Infrastructure.SealVectors;

namespace IcedServerless.Ckks.Tests.Scheme;

/// <summary>
/// Deterministic evaluator operations recomputed from SEAL's own inputs must give SEAL's outputs word for word
/// (testdata/seal-4.1: op_* files, made by node-seal 6.0.3).
/// </summary>
public sealed class SealVectorEvaluatorTests
{
    private const string Set = "n8192";
    private static readonly Evaluator s_evaluator = new(Context(Set));

    private static void AssertSameAsSeal(Ciphertext actual, string expectedFile, string set = Set)
    {
        var expected = Ciphertext(set, expectedFile);
        Assert.Equal(expected.ParmsId, actual.ParmsId);
        Assert.Equal(expected.Size, actual.Size);
        Assert.Equal(expected.Scale, actual.Scale);
        Assert.True(expected.Data.SequenceEqual(actual.Data), $"data differs from {expectedFile}");
        // And the serialized bytes are SEAL's bytes.
        Assert.Equal(Bytes(set, expectedFile), actual.Save(ComprModeType.None));
    }

    [Fact]
    public void MultiplyPlain_then_rescale_match_seal()
    {
        var result = new Ciphertext();
        s_evaluator.MultiplyPlain(Ciphertext(Set, "ct_pk_v1.none.bin"), Plaintext(Set, "plain_v2.none.bin"), result);
        AssertSameAsSeal(result, "op_multiply_plain_ctpkv1_ptv2.none.bin");
        s_evaluator.RescaleToNextInplace(result);
        AssertSameAsSeal(result, "op_multiply_plain_rescaled.none.bin");
        Assert.Equal(1099511775231.0198, result.Scale, 4);
    }

    [Fact]
    public void Add_matches_seal()
    {
        var result = new Ciphertext();
        s_evaluator.Add(Ciphertext(Set, "ct_pk_v1.none.bin"), Ciphertext(Set, "ct_pk_v2.none.bin"), result);
        AssertSameAsSeal(result, "op_add_ctpkv1_ctpkv2.none.bin");
    }

    [Fact]
    public void ModSwitch_of_ciphertext_and_plaintext_match_seal()
    {
        var ct = Ciphertext(Set, "ct_pk_v1.none.bin");
        s_evaluator.ModSwitchToNextInplace(ct);
        AssertSameAsSeal(ct, "op_mod_switch_to_next_ctpkv1.none.bin");

        var plain = Plaintext(Set, "plain_v2.none.bin");
        s_evaluator.ModSwitchToNextInplace(plain);
        Assert.Equal(Bytes(Set, "op_plain_mod_switch_to_next_v2.none.bin"), plain.Save(ComprModeType.None));
    }

    [Fact]
    public void Square_relinearize_rescale_match_seal()
    {
        var relin = RelinKeys.Load(Context(Set), Bytes(Set, "relin_keys.none.bin"));
        var ct = new Ciphertext();
        s_evaluator.Square(Ciphertext(Set, "ct_pk_v1.none.bin"), ct);
        AssertSameAsSeal(ct, "op_square_ctpkv1.none.bin");
        s_evaluator.RelinearizeInplace(ct, relin);
        AssertSameAsSeal(ct, "op_square_relin.none.bin");
        s_evaluator.RescaleToNextInplace(ct);
        AssertSameAsSeal(ct, "op_square_relin_rescaled.none.bin");
    }

    [Fact]
    public void Multiply_relinearize_match_seal()
    {
        var relin = RelinKeys.Load(Context(Set), Bytes(Set, "relin_keys.none.bin"));
        var ct = new Ciphertext();
        s_evaluator.Multiply(Ciphertext(Set, "ct_pk_v1.none.bin"), Ciphertext(Set, "ct_pk_v2.none.bin"), ct);
        AssertSameAsSeal(ct, "op_multiply_ctpkv1_ctpkv2.none.bin");
        s_evaluator.RelinearizeInplace(ct, relin);
        AssertSameAsSeal(ct, "op_multiply_relin.none.bin");
    }

    [Theory]
    [InlineData(1, "op_rotate_p1_ctpkv2.none.bin")]
    [InlineData(-1, "op_rotate_m1_ctpkv2.none.bin")]
    [InlineData(3, "op_rotate_p3_ctpkv2.none.bin")] // no key for 3: NAF digits −1 then +4, as SEAL
    public void Rotations_match_seal(int steps, string expectedFile)
    {
        var galois = GaloisKeys.Load(Context(Set), Bytes(Set, "galois_keys_steps_1_2_4_m1.none.bin"));
        var ct = new Ciphertext();
        s_evaluator.RotateVector(Ciphertext(Set, "ct_pk_v2.none.bin"), steps, galois, ct);
        AssertSameAsSeal(ct, expectedFile);
    }

    [Fact]
    public void N16384_multiply_plain_and_rescale_match_seal()
    {
        const string set = "n16384";
        var evaluator = new Evaluator(Context(set));
        var ct = new Ciphertext();
        evaluator.MultiplyPlain(Ciphertext(set, "ct_pk_v1.none.bin"), Plaintext(set, "plain_v2.none.bin"), ct);
        AssertSameAsSeal(ct, "op_multiply_plain_ctpkv1_ptv2.none.bin", set);
        evaluator.RescaleToNextInplace(ct);
        AssertSameAsSeal(ct, "op_multiply_plain_rescaled.none.bin", set);
    }
}
