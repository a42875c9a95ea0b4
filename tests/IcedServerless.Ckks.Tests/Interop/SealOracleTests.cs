namespace IcedServerless.Ckks.Tests.Interop;

/// <summary>The SEAL oracle's contexts, keys, encoding and encryption, checked against the SEAL 4.1 test vectors.</summary>
[Collection(SealOracleCollection.Name)]
public sealed class SealOracleTests(SealOracleFixture fixture)
{
    private readonly SealOracle _oracle = fixture.Oracle;

    private Task<SealContext> N8192() => _oracle.CreateContextAsync(8192, SealVectors.Bits8192);

    [Fact]
    public void Oracle_is_SEAL_4_1_from_node_seal_6_0_3()
    {
        Assert.Equal("4.1", _oracle.SealVersion);
        Assert.Equal("6.0.3", _oracle.NodeSealVersion);
    }

    [Fact]
    public async Task Context_matches_the_n8192_test_vector_parameters()
    {
        var ctx = await N8192();

        Assert.Equal(SealVectors.Read("n8192/parms.none.bin"), ctx.Parms);
        Assert.Equal([1152921504606748673UL, 1099510890497UL, 1099511480321UL, 1152921504606830593UL], ctx.Primes);
        Assert.Equal([3, 2, 1, 0], ctx.ChainIndexes);
        Assert.Equal([0xcfda86153fdda8e2UL, 0xbab3261f59a402acUL, 0xae8fe2601f0b6e53UL, 0xddc508ab0e037ff5UL], ctx.ParmsIdAt(3));
        Assert.Equal([0x12a009457dbf8b0fUL, 0x6364d5f3d4c92b3cUL, 0x96a841ccd88e440cUL, 0x1255677018089458UL], ctx.ParmsIdAt(2));
        Assert.Equal([0x2af33fda5cee1476UL, 0xe1a78ed1ec9d76b3UL, 0xed2adee911ba7c4dUL, 0x94f949f4f9055b1aUL], ctx.ParmsIdAt(0));
    }

    [Fact]
    public async Task Context_from_serialized_parameters_has_the_same_chain()
    {
        var fromBits = await N8192();
        var fromBytes = await _oracle.CreateContextAsync(SealVectors.Read("n8192/parms.none.bin"));

        Assert.Equal(fromBits.Primes, fromBytes.Primes);
        Assert.Equal(fromBits.ParmsIds, fromBytes.ParmsIds);
    }

    [Fact]
    public async Task Context_rejected_by_SEAL_reports_a_SEAL_error()
    {
        // 300 bits exceed the 218-bit tc128 limit for N = 8192.
        var e = await Assert.ThrowsAsync<SealOracleException>(() => _oracle.CreateContextAsync(8192, [60, 60, 60, 60, 60]));

        Assert.True(e.IsSealError);
        Assert.Contains("not set correctly", e.SealMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n8192", 8192, "v1")]
    [InlineData("n8192", 8192, "v2")]
    [InlineData("n16384", 16384, "v1")]
    public async Task Decrypts_test_vector_ciphertexts_to_their_vectors(string set, int n, string vector)
    {
        var ctx = await _oracle.CreateContextAsync(n, n == 8192 ? SealVectors.Bits8192 : SealVectors.Bits16384);

        var slots = await _oracle.DecryptAsync(ctx, SealVectors.Read($"{set}/secret_key.none.bin"), SealVectors.Read($"{set}/ct_pk_{vector}.none.bin"));

        Assert.Equal(n / 2, slots.Length);
        Assert.True(SealVectors.MaxError(slots, SealVectors.Vector(vector, n / 2)) < SealVectors.Tolerance);
    }

    [Theory]
    [InlineData(SealCompression.None, 0)]
    [InlineData(SealCompression.Zlib, 1)]
    [InlineData(SealCompression.Zstd, 2)]
    public async Task Public_key_encryption_round_trips(SealCompression compression, byte headerMode)
    {
        var ctx = await N8192();
        var keys = await _oracle.KeyGenAsync(ctx);
        var values = SealVectors.Vector("v2", ctx.Slots);

        var ct = await _oracle.EncryptAsync(ctx, keys.PublicKey!, values, SealVectors.Scale, compression);
        var slots = await _oracle.DecryptAsync(ctx, keys.SecretKey, ct);

        Assert.Equal(headerMode, ct[5]);
        Assert.True(SealVectors.MaxError(slots, values) < SealVectors.Tolerance);
    }

    [Theory]
    [InlineData(false, 393329)]
    [InlineData(true, 196802)]
    public async Task Symmetric_encryption_round_trips_in_full_and_seeded_form(bool seeded, int expectedBytes)
    {
        var ctx = await N8192();
        var sk = SealVectors.Read("n8192/secret_key.none.bin");
        var values = SealVectors.Vector("v3", ctx.Slots);

        var ct = await _oracle.EncryptSymmetricAsync(ctx, sk, values, SealVectors.Scale, seeded);
        var slots = await _oracle.DecryptAsync(ctx, sk, ct);

        Assert.Equal(expectedBytes, ct.Length);
        Assert.True(SealVectors.MaxError(slots, values) < SealVectors.Tolerance);
    }

    [Fact]
    public async Task Keygen_from_a_given_secret_key_makes_keys_for_that_secret()
    {
        var ctx = await N8192();
        var sk = SealVectors.Read("n8192/secret_key.none.bin");

        var keys = await _oracle.KeyGenAsync(ctx, new SealKeyGenOptions { SecretKey = sk, PublicKey = SealKeyForm.Seeded });
        var values = SealVectors.Vector("v1", ctx.Slots);
        var ct = await _oracle.EncryptAsync(ctx, keys.PublicKey!, values, SealVectors.Scale);

        Assert.Equal(sk, keys.SecretKey);
        Assert.Equal(262338, keys.PublicKey!.Length);
        Assert.True(SealVectors.MaxError(await _oracle.DecryptAsync(ctx, sk, ct), values) < SealVectors.Tolerance);
    }

    [Fact]
    public async Task Keygen_sizes_follow_the_key_forms()
    {
        var ctx = await N8192();

        var full = await _oracle.KeyGenAsync(ctx, new SealKeyGenOptions { RelinKeys = SealKeyForm.Full, GaloisSteps = [1, 2, 4, -1] });
        var seeded = await _oracle.KeyGenAsync(ctx, new SealKeyGenOptions
        {
            PublicKey = SealKeyForm.None,
            RelinKeys = SealKeyForm.Seeded,
            GaloisSteps = [1, 2, 4, -1],
            GaloisKeys = SealKeyForm.Seeded,
        });

        Assert.Equal([262232, 524401, 1573267, 6358404], [full.SecretKey.Length, full.PublicKey!.Length, full.RelinKeys!.Length, full.GaloisKeys!.Length]);
        Assert.Equal([3, 9, 81, 10923], full.GaloisElements);
        Assert.Null(seeded.PublicKey);
        Assert.Equal([787078, 3213648], [seeded.RelinKeys!.Length, seeded.GaloisKeys!.Length]);
    }

    [Fact]
    public async Task Encode_reproduces_the_test_vector_plaintexts()
    {
        var ctx = await N8192();

        var v1 = await _oracle.EncodeAsync(ctx, SealVectors.Vector("v1", ctx.Slots), SealVectors.Scale);
        var v2Level1 = await _oracle.EncodeAsync(ctx, SealVectors.Vector("v2", ctx.Slots), SealVectors.Scale, chainIndex: 1);

        Assert.Equal(SealVectors.Read("n8192/plain_v1.none.bin"), v1);
        Assert.Equal(SealVectors.Read("n8192/op_plain_mod_switch_to_next_v2.none.bin"), v2Level1);
    }

    [Fact]
    public async Task Decode_returns_the_encoded_values()
    {
        var ctx = await N8192();

        var slots = await _oracle.DecodeAsync(ctx, SealVectors.Read("n8192/plain_v2.none.bin"));

        Assert.True(SealVectors.MaxError(slots, SealVectors.Vector("v2", ctx.Slots)) < 1e-9);
    }

    [Fact]
    public async Task Encrypting_a_given_plaintext_round_trips()
    {
        var ctx = await N8192();

        var ct = await _oracle.EncryptAsync(ctx, SealVectors.Read("n8192/public_key.none.bin"), SealVectors.Read("n8192/plain_v3.none.bin"));
        var slots = await _oracle.DecryptAsync(ctx, SealVectors.Read("n8192/secret_key.none.bin"), ct);

        Assert.True(SealVectors.MaxError(slots, SealVectors.Vector("v3", ctx.Slots)) < SealVectors.Tolerance);
    }
}
