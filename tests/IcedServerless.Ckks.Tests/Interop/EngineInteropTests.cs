using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks.Tests.Interop;

/// <summary>
/// Our engine against real SEAL (node-seal 6.0.3), live: keys, ciphertexts and results cross in both directions,
/// and deterministic objects are byte-identical.
/// </summary>
[Collection(SealOracleCollection.Name)]
public sealed class EngineInteropTests(SealOracleFixture fixture)
{
    private static readonly int[] Steps = [1, -1, 4, -4, 0];
    private readonly SealOracle _seal = fixture.Oracle;
    private readonly CkksContext _context = SealVectors.Context("n8192");

    private double[] RandomValues(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, _context.SlotCount).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
    }

    [Theory]
    [InlineData(SealCompression.None)]
    [InlineData(SealCompression.Zlib)]
    [InlineData(SealCompression.Zstd)]
    public async Task Seal_encrypts_and_we_decrypt(SealCompression compression)
    {
        var ctx = await _seal.CreateContextAsync(8192, SealVectors.Bits8192);
        var keys = await _seal.KeyGenAsync(ctx);
        var x = RandomValues(1);
        var ct = await _seal.EncryptAsync(ctx, keys.PublicKey!, x, SealVectors.Scale, compression);
        var symmetric = await _seal.EncryptSymmetricAsync(ctx, keys.SecretKey, x, SealVectors.Scale, seeded: true, compression);

        using var secret = SecretKey.Load(_context, keys.SecretKey);
        var decryptor = new Decryptor(_context, secret);
        var encoder = new CkksEncoder(_context);
        Assert.True(SealVectors.MaxError(encoder.Decode(decryptor.Decrypt(Ciphertext.Load(_context, ct))), x) < SealVectors.Tolerance);
        Assert.True(SealVectors.MaxError(encoder.Decode(decryptor.Decrypt(Ciphertext.Load(_context, symmetric))), x) < SealVectors.Tolerance);
    }

    [Theory]
    [InlineData(ComprModeType.None)]
    [InlineData(ComprModeType.ZLib)]
    [InlineData(ComprModeType.Zstd)]
    public async Task We_encrypt_and_seal_decrypts(ComprModeType compression)
    {
        var ctx = await _seal.CreateContextAsync(_context.Parameters.Save());
        var keygen = new KeyGenerator(_context);
        using var secret = keygen.SecretKey;
        var x = RandomValues(2);
        var plain = new CkksEncoder(_context).Encode(x, SealVectors.Scale);
        var encryptor = new Encryptor(_context, keygen.CreatePublicKey(), secret);
        var secretBytes = secret.Save();

        var viaPublicKey = encryptor.Encrypt(plain).Save(compression);
        var seeded = encryptor.EncryptSymmetricSerializable(plain).Save(compression);
        Assert.True(SealVectors.MaxError(await _seal.DecryptAsync(ctx, secretBytes, viaPublicKey), x) < SealVectors.Tolerance);
        Assert.True(SealVectors.MaxError(await _seal.DecryptAsync(ctx, secretBytes, seeded), x) < SealVectors.Tolerance);
    }

    [Fact]
    public async Task Our_keys_load_in_seal_and_seal_computes_with_them()
    {
        var ctx = await _seal.CreateContextAsync(8192, SealVectors.Bits8192);
        var keygen = new KeyGenerator(_context);
        using var secret = keygen.SecretKey;
        var publicKey = keygen.CreatePublicKeySerializable().Save();
        var relin = keygen.CreateRelinKeysSerializable().Save();
        var galois = keygen.CreateGaloisKeysSerializable(Steps).Save();
        Assert.Equal((true, null), await _seal.LoadCheckAsync(ctx, SealObjectKind.PublicKey, publicKey));
        Assert.Equal((true, null), await _seal.LoadCheckAsync(ctx, SealObjectKind.RelinKeys, relin));
        Assert.Equal((true, null), await _seal.LoadCheckAsync(ctx, SealObjectKind.GaloisKeys, galois));
        Assert.Equal((true, null), await _seal.LoadCheckAsync(ctx, SealObjectKind.SecretKey, secret.Save()));

        // SEAL encrypts under our public key, squares, relinearizes and rotates with our keys; we decrypt.
        var x = RandomValues(3);
        var ct = await _seal.EncryptAsync(ctx, publicKey, x, SealVectors.Scale);
        var squared = await _seal.EvaluateAsync(ctx, SealEvalOp.Square, new SealEvalArgs { A = ct });
        var relinearized = await _seal.EvaluateAsync(ctx, SealEvalOp.Relinearize, new SealEvalArgs { A = squared, RelinKeys = relin });
        var rotated = await _seal.EvaluateAsync(ctx, SealEvalOp.RotateVector, new SealEvalArgs { A = relinearized, GaloisKeys = galois, Steps = -4 });
        var decoded = new CkksEncoder(_context).Decode(new Decryptor(_context, secret).Decrypt(Ciphertext.Load(_context, rotated)));
        Assert.True(SealVectors.MaxError(decoded, SealVectors.Rotate(x.Select(v => v * v).ToArray(), -4)) < 1e-4);
    }

    [Fact]
    public async Task Seal_keys_drive_our_evaluator_and_results_equal_seals_bit_for_bit()
    {
        var ctx = await _seal.CreateContextAsync(8192, SealVectors.Bits8192);
        var keys = await _seal.KeyGenAsync(ctx, new SealKeyGenOptions
        {
            RelinKeys = SealKeyForm.Seeded,
            GaloisSteps = Steps,
            GaloisKeys = SealKeyForm.Seeded,
            Compression = SealCompression.Zstd,
        });
        var x = RandomValues(4);
        var y = RandomValues(5);
        var ctBytes = await _seal.EncryptAsync(ctx, keys.PublicKey!, x, SealVectors.Scale, SealCompression.Zstd);
        var plainBytes = await _seal.EncodeAsync(ctx, y, SealVectors.Scale);

        var evaluator = new Evaluator(_context);
        var relin = RelinKeys.Load(_context, keys.RelinKeys!);
        var galois = GaloisKeys.Load(_context, keys.GaloisKeys!);
        var ct = Ciphertext.Load(_context, ctBytes);
        var plain = Plaintext.Load(_context, plainBytes);
        EncodingComparer.AssertSameEncoding(_context, plainBytes, new CkksEncoder(_context).Encode(y, SealVectors.Scale));

        async Task Check(Ciphertext ours, SealEvalOp op, SealEvalArgs args, double[] expected, double tolerance = SealVectors.Tolerance)
        {
            var theirs = await _seal.EvaluateAsync(ctx, op, args);
            Assert.Equal(theirs, ours.Save(ComprModeType.None));
            var decrypted = await _seal.DecryptAsync(ctx, keys.SecretKey, ours.Save());
            Assert.True(SealVectors.MaxError(decrypted, expected) < tolerance, $"{op}: error {SealVectors.MaxError(decrypted, expected)}");
        }

        var product = new Ciphertext();
        evaluator.MultiplyPlain(ct, plain, product);
        await Check(product, SealEvalOp.MultiplyPlain, new SealEvalArgs { A = ctBytes, Plain = plainBytes }, x.Zip(y, (a, b) => a * b).ToArray());

        var squared = new Ciphertext();
        evaluator.Square(ct, squared);
        var squaredBytes = squared.Save(ComprModeType.None);
        evaluator.RelinearizeInplace(squared, relin);
        await Check(squared, SealEvalOp.Relinearize, new SealEvalArgs { A = squaredBytes, RelinKeys = keys.RelinKeys }, x.Select(a => a * a).ToArray());
        var relinearizedBytes = squared.Save(ComprModeType.None);
        evaluator.RescaleToNextInplace(squared);
        await Check(squared, SealEvalOp.RescaleToNext, new SealEvalArgs { A = relinearizedBytes }, x.Select(a => a * a).ToArray());

        foreach (var step in new[] { 1, -1, 4, -4 })
        {
            var rotated = new Ciphertext();
            evaluator.RotateVector(ct, step, galois, rotated);
            await Check(rotated, SealEvalOp.RotateVector, new SealEvalArgs { A = ctBytes, GaloisKeys = keys.GaloisKeys, Steps = step }, SealVectors.Rotate(x, step));
        }

        var conjugated = new Ciphertext();
        evaluator.ComplexConjugate(ct, galois, conjugated);
        await Check(conjugated, SealEvalOp.ComplexConjugate, new SealEvalArgs { A = ctBytes, GaloisKeys = keys.GaloisKeys }, x);
    }

    [Fact]
    public async Task Deterministic_objects_are_byte_identical()
    {
        var ctx = await _seal.CreateContextAsync(8192, SealVectors.Bits8192);
        Assert.Equal(ctx.Parms, EncryptionParameters.Create(8192, SealVectors.Bits8192).Save());
        for (var level = 0; level < _context.Levels.Count; level++)
        {
            var id = _context.Levels[level].ParmsId;
            Assert.Equal(ctx.ParmsIdAt(level), new[] { id.Word0, id.Word1, id.Word2, id.Word3 });
        }

        var encoder = new CkksEncoder(_context);
        foreach (var seed in new[] { 6, 7, 8 })
        {
            var values = RandomValues(seed).Select(v => v * 1000).ToArray();
            EncodingComparer.AssertSameEncoding(_context, await _seal.EncodeAsync(ctx, values, SealVectors.Scale), encoder.Encode(values, SealVectors.Scale));
        }

        var atLevel1 = new Plaintext();
        var v = RandomValues(9);
        encoder.Encode(v, _context.Levels[1].ParmsId, Math.Pow(2, 30), atLevel1);
        EncodingComparer.AssertSameEncoding(_context, await _seal.EncodeAsync(ctx, v, Math.Pow(2, 30), chainIndex: 1), atLevel1);
    }

    [Fact]
    public async Task Seal_refuses_what_we_refuse_and_accepts_what_we_write()
    {
        var ctx = await _seal.CreateContextAsync(8192, SealVectors.Bits8192);
        var ct = SealVectors.Ciphertext("n8192", "ct_pk_v1.none.bin");
        Assert.Equal((true, null), await _seal.LoadCheckAsync(ctx, SealObjectKind.Ciphertext, ct.Save(ComprModeType.Zstd)));
        var bad = ct.Save(ComprModeType.None);
        bad[4] = 0; // version 4.0: SEAL 4.1 refuses it; we accept the whole 4.x line
        Assert.False((await _seal.LoadCheckAsync(ctx, SealObjectKind.Ciphertext, bad)).Ok);
        Assert.NotNull(Ciphertext.Load(_context, bad));
    }
}
