namespace IcedServerless.Ckks.Tests.Interop;

/// <summary>
/// The oracle's Evaluator operations: SEAL's results are deterministic given their inputs, so each must
/// reproduce the corresponding op_* test vector byte for byte.
/// </summary>
[Collection(SealOracleCollection.Name)]
public sealed class SealOracleEvaluateTests(SealOracleFixture fixture)
{
    private const string GaloisKeys = "galois_keys_steps_1_2_4_m1.none.bin";

    private readonly SealOracle _oracle = fixture.Oracle;

    private Task<SealContext> N8192() => _oracle.CreateContextAsync(8192, SealVectors.Bits8192);

    private static byte[]? File8192(string? name) => name is null ? null : SealVectors.Read("n8192/" + name);

    [Theory]
    [InlineData(SealEvalOp.MultiplyPlain, "ct_pk_v1.none.bin", null, "plain_v2.none.bin", null, null, "op_multiply_plain_ctpkv1_ptv2.none.bin")]
    [InlineData(SealEvalOp.RescaleToNext, "op_multiply_plain_ctpkv1_ptv2.none.bin", null, null, null, null, "op_multiply_plain_rescaled.none.bin")]
    [InlineData(SealEvalOp.Add, "ct_pk_v1.none.bin", "ct_pk_v2.none.bin", null, null, null, "op_add_ctpkv1_ctpkv2.none.bin")]
    [InlineData(SealEvalOp.ModSwitchToNext, "ct_pk_v1.none.bin", null, null, null, null, "op_mod_switch_to_next_ctpkv1.none.bin")]
    [InlineData(SealEvalOp.ModSwitchToNext, null, null, "plain_v2.none.bin", null, null, "op_plain_mod_switch_to_next_v2.none.bin")]
    [InlineData(SealEvalOp.Square, "ct_pk_v1.none.bin", null, null, null, null, "op_square_ctpkv1.none.bin")]
    [InlineData(SealEvalOp.Relinearize, "op_square_ctpkv1.none.bin", null, null, "relin_keys.none.bin", null, "op_square_relin.none.bin")]
    [InlineData(SealEvalOp.RescaleToNext, "op_square_relin.none.bin", null, null, null, null, "op_square_relin_rescaled.none.bin")]
    [InlineData(SealEvalOp.Multiply, "ct_pk_v1.none.bin", "ct_pk_v2.none.bin", null, null, null, "op_multiply_ctpkv1_ctpkv2.none.bin")]
    [InlineData(SealEvalOp.Relinearize, "op_multiply_ctpkv1_ctpkv2.none.bin", null, null, "relin_keys.none.bin", null, "op_multiply_relin.none.bin")]
    [InlineData(SealEvalOp.RotateVector, "ct_pk_v2.none.bin", null, null, null, 1, "op_rotate_p1_ctpkv2.none.bin")]
    [InlineData(SealEvalOp.RotateVector, "ct_pk_v2.none.bin", null, null, null, -1, "op_rotate_m1_ctpkv2.none.bin")]
    [InlineData(SealEvalOp.RotateVector, "ct_pk_v2.none.bin", null, null, null, 3, "op_rotate_p3_ctpkv2.none.bin")]
    public async Task Reproduces_the_test_vector_results(SealEvalOp op, string? a, string? b, string? plain, string? relinKeys, int? steps, string expected)
    {
        var ctx = await N8192();
        var args = new SealEvalArgs
        {
            A = File8192(a),
            B = File8192(b),
            Plain = File8192(plain),
            RelinKeys = File8192(relinKeys),
            GaloisKeys = steps is null ? null : File8192(GaloisKeys),
            Steps = steps,
        };

        var result = await _oracle.EvaluateAsync(ctx, op, args);

        Assert.Equal(File8192(expected), result);
    }

    [Fact]
    public async Task Apply_galois_with_element_3_equals_rotation_by_one()
    {
        var ctx = await N8192();

        var result = await _oracle.EvaluateAsync(ctx, SealEvalOp.ApplyGalois, new SealEvalArgs
        {
            A = File8192("ct_pk_v2.none.bin"),
            GaloisKeys = File8192(GaloisKeys),
            GaloisElt = 3,
        });

        Assert.Equal(File8192("op_rotate_p1_ctpkv2.none.bin"), result);
    }

    [Fact]
    public async Task Sub_negate_and_plain_ops_decrypt_to_the_expected_values()
    {
        var ctx = await N8192();
        var sk = File8192("secret_key.none.bin")!;
        var (v1, v2) = (SealVectors.Vector("v1", ctx.Slots), SealVectors.Vector("v2", ctx.Slots));
        var (ct1, ct2, pt2) = (File8192("ct_pk_v1.none.bin"), File8192("ct_pk_v2.none.bin"), File8192("plain_v2.none.bin"));

        var sub = await _oracle.EvaluateAsync(ctx, SealEvalOp.Sub, new SealEvalArgs { A = ct1, B = ct2 });
        var negated = await _oracle.EvaluateAsync(ctx, SealEvalOp.Negate, new SealEvalArgs { A = ct1 });
        var addPlain = await _oracle.EvaluateAsync(ctx, SealEvalOp.AddPlain, new SealEvalArgs { A = ct1, Plain = pt2 });
        var subPlain = await _oracle.EvaluateAsync(ctx, SealEvalOp.SubPlain, new SealEvalArgs { A = ct1, Plain = pt2 });

        Assert.True(SealVectors.MaxError(await _oracle.DecryptAsync(ctx, sk, sub), v1.Zip(v2, (x, y) => x - y).ToArray()) < SealVectors.Tolerance);
        Assert.True(SealVectors.MaxError(await _oracle.DecryptAsync(ctx, sk, negated), v1.Select(x => -x).ToArray()) < SealVectors.Tolerance);
        Assert.True(SealVectors.MaxError(await _oracle.DecryptAsync(ctx, sk, addPlain), v1.Zip(v2, (x, y) => x + y).ToArray()) < SealVectors.Tolerance);
        Assert.True(SealVectors.MaxError(await _oracle.DecryptAsync(ctx, sk, subPlain), v1.Zip(v2, (x, y) => x - y).ToArray()) < SealVectors.Tolerance);
    }

    [Fact]
    public async Task Step_zero_creates_the_conjugation_key_and_conjugation_keeps_real_slots()
    {
        var ctx = await N8192();
        var keys = await _oracle.KeyGenAsync(ctx, new SealKeyGenOptions { GaloisSteps = [0, 1] });
        var values = SealVectors.Vector("v2", ctx.Slots);
        var ct = await _oracle.EncryptAsync(ctx, keys.PublicKey!, values, SealVectors.Scale);

        var conjugated = await _oracle.EvaluateAsync(ctx, SealEvalOp.ComplexConjugate, new SealEvalArgs { A = ct, GaloisKeys = keys.GaloisKeys });
        var rotated = await _oracle.EvaluateAsync(ctx, SealEvalOp.RotateVector, new SealEvalArgs { A = ct, GaloisKeys = keys.GaloisKeys, Steps = 1 });

        Assert.Equal([(2 * ctx.N) - 1, 3], keys.GaloisElements);
        Assert.True(SealVectors.MaxError(await _oracle.DecryptAsync(ctx, keys.SecretKey, conjugated), values) < SealVectors.Tolerance);
        Assert.True(SealVectors.MaxError(await _oracle.DecryptAsync(ctx, keys.SecretKey, rotated), SealVectors.Rotate(values, 1)) < SealVectors.Tolerance);
    }

    [Fact]
    public async Task A_missing_Galois_key_is_SEALs_error()
    {
        var ctx = await N8192();

        var e = await Assert.ThrowsAsync<SealOracleException>(() => _oracle.EvaluateAsync(ctx, SealEvalOp.ComplexConjugate, new SealEvalArgs
        {
            A = File8192("ct_pk_v2.none.bin"),
            GaloisKeys = File8192(GaloisKeys),
        }));

        Assert.True(e.IsSealError);
        Assert.Equal("Galois key not present", e.SealMessage);
    }

    [Fact]
    public async Task Rescale_at_the_last_level_is_refused()
    {
        var ctx = await N8192();
        var level1 = await _oracle.EvaluateAsync(ctx, SealEvalOp.ModSwitchToNext, new SealEvalArgs { A = File8192("ct_pk_v1.none.bin") });
        var level0 = await _oracle.EvaluateAsync(ctx, SealEvalOp.ModSwitchToNext, new SealEvalArgs { A = level1 });

        var e = await Assert.ThrowsAsync<SealOracleException>(() => _oracle.EvaluateAsync(ctx, SealEvalOp.RescaleToNext, new SealEvalArgs { A = level0 }));

        Assert.True(e.IsSealError);
        Assert.Equal("end of modulus switching chain reached", e.SealMessage);
        Assert.Equal(262257, level1.Length);
    }
}
