using System.Buffers.Binary;

namespace IcedServerless.Ckks.Tests.Interop;

/// <summary>The oracle's load-check and re-save: SEAL accepts genuine objects and rejects damaged ones.</summary>
[Collection(SealOracleCollection.Name)]
public sealed class SealOracleLoadTests(SealOracleFixture fixture)
{
    // Where the first data word of a serialized ciphertext starts: header 16 + members 73 + DynArray header 16 + count 8.
    private const int CiphertextDataOffset = 113;

    private readonly SealOracle _oracle = fixture.Oracle;

    private Task<SealContext> N8192() => _oracle.CreateContextAsync(8192, SealVectors.Bits8192);

    [Theory]
    [InlineData(SealObjectKind.EncryptionParameters, "parms.none.bin")]
    [InlineData(SealObjectKind.SecretKey, "secret_key.none.bin")]
    [InlineData(SealObjectKind.PublicKey, "public_key.none.bin")]
    [InlineData(SealObjectKind.PublicKey, "public_key.seeded.none.bin")]
    [InlineData(SealObjectKind.Plaintext, "plain_v1.none.bin")]
    [InlineData(SealObjectKind.Ciphertext, "ct_pk_v1.none.bin")]
    [InlineData(SealObjectKind.Ciphertext, "ct_pk_v1.zlib.bin")]
    [InlineData(SealObjectKind.Ciphertext, "ct_pk_v1.zstd.bin")]
    [InlineData(SealObjectKind.Ciphertext, "ct_sym_v2.seeded.none.bin")]
    [InlineData(SealObjectKind.Ciphertext, "op_square_ctpkv1.none.bin")]
    [InlineData(SealObjectKind.RelinKeys, "relin_keys.none.bin")]
    [InlineData(SealObjectKind.RelinKeys, "relin_keys.seeded.none.bin")]
    [InlineData(SealObjectKind.GaloisKeys, "galois_keys_steps_1_2_4_m1.seeded.none.bin")]
    public async Task Accepts_the_test_vector_objects(SealObjectKind kind, string file)
    {
        var ctx = await N8192();

        var (ok, error) = await _oracle.LoadCheckAsync(ctx, kind, SealVectors.Read("n8192/" + file));

        Assert.True(ok, error);
        Assert.Null(error);
    }

    [Fact]
    public async Task Rejects_a_ciphertext_word_equal_to_its_prime()
    {
        var (ok, error) = await LoadEditedCiphertext((ct, primes) => SetFirstWord(ct, primes[0]));

        Assert.False(ok);
        Assert.Contains("invalid", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepts_a_ciphertext_word_one_below_its_prime()
    {
        // The control for the test above: only the value changed, so the rejection is about the word's range.
        var (ok, error) = await LoadEditedCiphertext((ct, primes) => SetFirstWord(ct, primes[0] - 1));

        Assert.True(ok, error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task Rejects_a_header_version_other_than_4_1(byte minor)
    {
        var (ok, error) = await LoadEditedCiphertext((ct, _) =>
        {
            ct[4] = minor;
            return ct;
        });

        Assert.False(ok);
        Assert.Contains("incompatible version", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_a_truncated_object()
    {
        var (ok, error) = await LoadEditedCiphertext((ct, _) => ct[..^1]);

        Assert.False(ok);
        Assert.False(string.IsNullOrEmpty(error));
    }

    // Load-checks ct_pk_v1 after `edit` changed its bytes (given the context's primes).
    private async Task<(bool Ok, string? Error)> LoadEditedCiphertext(Func<byte[], IReadOnlyList<ulong>, byte[]> edit)
    {
        var ctx = await N8192();
        var ct = edit(SealVectors.Read("n8192/ct_pk_v1.none.bin"), ctx.Primes);
        return await _oracle.LoadCheckAsync(ctx, SealObjectKind.Ciphertext, ct);
    }

    private static byte[] SetFirstWord(byte[] ct, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(ct.AsSpan(CiphertextDataOffset), value);
        return ct;
    }

    [Fact]
    public async Task Rejects_a_ciphertext_loaded_as_a_plaintext()
    {
        var ctx = await N8192();

        var (ok, error) = await _oracle.LoadCheckAsync(ctx, SealObjectKind.Plaintext, SealVectors.Read("n8192/ct_pk_v1.none.bin"));

        Assert.False(ok);
        Assert.Contains("invalid", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SealCompression.Zlib, 1, new byte[] { 0x78 })]
    [InlineData(SealCompression.Zstd, 2, new byte[] { 0x28, 0xB5, 0x2F, 0xFD })]
    public async Task Resave_makes_compressed_variants_that_decrypt_and_decompress_back(SealCompression compression, byte mode, byte[] magic)
    {
        var ctx = await N8192();
        var original = SealVectors.Read("n8192/ct_pk_v1.none.bin");

        var compressed = await _oracle.ResaveAsync(ctx, SealObjectKind.Ciphertext, original, compression);
        var back = await _oracle.ResaveAsync(ctx, SealObjectKind.Ciphertext, compressed, SealCompression.None);
        var slots = await _oracle.DecryptAsync(ctx, SealVectors.Read("n8192/secret_key.none.bin"), compressed);

        Assert.Equal(mode, compressed[5]);
        Assert.Equal(magic, compressed[16..(16 + magic.Length)]);
        Assert.Equal((ulong)compressed.Length, BinaryPrimitives.ReadUInt64LittleEndian(compressed.AsSpan(8)));
        Assert.Equal(original, back);
        Assert.True(SealVectors.MaxError(slots, SealVectors.Vector("v1", ctx.Slots)) < SealVectors.Tolerance);
    }

    [Theory]
    [InlineData(SealObjectKind.Ciphertext, "ct_sym_v2.seeded.none.bin", "ct_sym_v2.seeded_expanded.none.bin")]
    [InlineData(SealObjectKind.PublicKey, "public_key.seeded.none.bin", "public_key.seeded_expanded.none.bin")]
    [InlineData(SealObjectKind.RelinKeys, "relin_keys.seeded.none.bin", "relin_keys.seeded_expanded.none.bin")]
    public async Task Resave_expands_seeded_objects_like_the_test_vectors(SealObjectKind kind, string seeded, string expanded)
    {
        var ctx = await N8192();

        var full = await _oracle.ResaveAsync(ctx, kind, SealVectors.Read("n8192/" + seeded), SealCompression.None);

        Assert.Equal(SealVectors.Read("n8192/" + expanded), full);
    }

    [Fact]
    public async Task Resave_of_parameters_needs_no_context()
    {
        var parms = SealVectors.Read("n8192/parms.none.bin");

        var resaved = await _oracle.ResaveAsync(null, SealObjectKind.EncryptionParameters, parms, SealCompression.None);

        Assert.Equal(parms, resaved);
    }
}
