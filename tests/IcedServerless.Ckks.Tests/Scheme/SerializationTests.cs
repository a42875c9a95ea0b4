using IcedServerless.Ckks.Serialization;
using IcedServerless.Ckks.Tests.Infrastructure;
using static IcedServerless.Ckks.Tests.Infrastructure.SealVectors;

namespace IcedServerless.Ckks.Tests.Scheme;

public sealed class SerializationTests
{
    private const string Set = "n8192";

    [Theory]
    [InlineData("ct_pk_v1.none.bin")]
    [InlineData("op_square_ctpkv1.none.bin")]
    [InlineData("op_multiply_plain_rescaled.none.bin")]
    public void Seal_ciphertexts_resave_to_identical_bytes(string file) =>
        Assert.Equal(Bytes(Set, file), Ciphertext(Set, file).Save(ComprModeType.None));

    [Fact]
    public void Seal_keys_resave_to_identical_bytes()
    {
        var context = Context(Set);
        Assert.Equal(Bytes(Set, "secret_key.none.bin"), SecretKey(Set).Save());
        Assert.Equal(Bytes(Set, "public_key.none.bin"), PublicKey.Load(context, Bytes(Set, "public_key.none.bin")).Save(ComprModeType.None));
        Assert.Equal(Bytes(Set, "relin_keys.none.bin"), RelinKeys.Load(context, Bytes(Set, "relin_keys.none.bin")).Save(ComprModeType.None));
        var galois = GaloisKeys.Load(context, Bytes(Set, "galois_keys_steps_1_2_4_m1.none.bin"));
        Assert.Equal(Bytes(Set, "galois_keys_steps_1_2_4_m1.none.bin"), galois.Save(ComprModeType.None));
        Assert.Equal(new ulong[] { 3, 9, 81, 10923 }, galois.GaloisElements.Order().ToArray());
        Assert.Equal(8192, galois.TableSize);
    }

    [Theory]
    [InlineData("ct_sym_v2.seeded.none.bin", "ct_sym_v2.seeded_expanded.none.bin", "Ciphertext")]
    [InlineData("public_key.seeded.none.bin", "public_key.seeded_expanded.none.bin", "PublicKey")]
    [InlineData("relin_keys.seeded.none.bin", "relin_keys.seeded_expanded.none.bin", "RelinKeys")]
    public void Seal_seeded_objects_expand_exactly_as_seal_expands_them(string seeded, string expanded, string kind)
    {
        var context = Context(Set);
        byte[] resaved = kind switch
        {
            "Ciphertext" => Ciphertext(Set, seeded).Save(ComprModeType.None),
            "PublicKey" => PublicKey.Load(context, Bytes(Set, seeded)).Save(ComprModeType.None),
            _ => RelinKeys.Load(context, Bytes(Set, seeded)).Save(ComprModeType.None),
        };
        Assert.Equal(Bytes(Set, expanded), resaved);
    }

    [Fact]
    public void Seal_seeded_galois_keys_load_and_rotate()
    {
        var context = Context(Set);
        var galois = GaloisKeys.Load(context, Bytes(Set, "galois_keys_steps_1_2_4_m1.seeded.none.bin"));
        var evaluator = new Evaluator(context);
        var rotated = new Ciphertext();
        evaluator.RotateVector(Ciphertext(Set, "ct_pk_v2.none.bin"), 4, galois, rotated);
        using var secret = SecretKey(Set);
        var decoded = new CkksEncoder(context).Decode(new Decryptor(context, secret).Decrypt(rotated));
        Assert.True(MaxError(decoded, Rotate(V2(context.SlotCount), 4)) < 1e-5);
    }

    [Theory]
    [InlineData(ComprModeType.None)]
    [InlineData(ComprModeType.ZLib)]
    [InlineData(ComprModeType.Zstd)]
    public void Our_objects_round_trip_in_full_and_seeded_form(ComprModeType mode)
    {
        var context = Context(Set);
        var keygen = new KeyGenerator(context);
        var encoder = new CkksEncoder(context);
        var plain = encoder.Encode(V2(context.SlotCount), Scale);
        var encryptor = new Encryptor(context, keygen.CreatePublicKey(), keygen.SecretKey);
        var decryptor = new Decryptor(context, keygen.SecretKey);

        var full = encryptor.EncryptSymmetric(plain);
        var seeded = encryptor.EncryptSymmetricSerializable(plain).Save(mode);
        var fromFull = Ciphertext.Load(context, full.Save(mode));
        var fromSeeded = Ciphertext.Load(context, seeded);
        Assert.True(fromFull.Data.SequenceEqual(full.Data));
        Assert.True(MaxError(encoder.Decode(decryptor.Decrypt(fromSeeded)), V2(context.SlotCount)) < 1e-6);
        if (mode == ComprModeType.None)
        {
            Assert.Equal(196802, seeded.Length); // half of the 393329-byte full form, as SEAL's seeded size
        }

        var publicKey = PublicKey.Load(context, keygen.CreatePublicKeySerializable().Save(mode));
        var viaLoadedKey = new Encryptor(context, publicKey).Encrypt(plain);
        Assert.True(MaxError(encoder.Decode(decryptor.Decrypt(viaLoadedKey)), V2(context.SlotCount)) < 1e-5);

        var relinBytes = keygen.CreateRelinKeysSerializable().Save(mode);
        Assert.True(RelinKeys.Load(context, relinBytes).HasKey(2));
        var galoisBytes = keygen.CreateGaloisKeysSerializable([1, -1, 0]).Save(mode);
        var galois = GaloisKeys.Load(context, galoisBytes);
        Assert.True(galois.HasKey(2 * 8192 - 1));
        Assert.Equal(3, galois.KeyCount);
    }

    [Fact]
    public async Task Stream_round_trip_and_lying_header_is_refused_before_allocation()
    {
        var context = Context(Set);
        var ct = Ciphertext(Set, "ct_pk_v1.none.bin");
        using var stream = new MemoryStream();
        await ct.SaveAsync(stream, ComprModeType.ZLib);
        stream.Position = 0;
        var loaded = await Ciphertext.LoadAsync(context, stream);
        Assert.True(loaded.Data.SequenceEqual(ct.Data));

        var lying = Bytes(Set, "ct_pk_v1.none.bin").ToArray();
        BitConverter.TryWriteBytes(lying.AsSpan(8), long.MaxValue); // header claims ~8 EB
        await Assert.ThrowsAsync<SealFormatException>(async () => await Ciphertext.LoadAsync(context, new MemoryStream(lying)));
    }

    [Fact]
    public void Objects_are_checked_against_the_context_they_are_loaded_into()
    {
        var small = new CkksContext(EncryptionParameters.Create(4096, 40, 30, 38));
        var error = Assert.Throws<SealFormatException>(() => Ciphertext.Load(small, Bytes(Set, "ct_pk_v1.none.bin")));
        Assert.Contains("parms_id", error.Message);
        Assert.Throws<SealFormatException>(() => SecretKey.Load(Context(Set), Bytes(Set, "plain_v1.none.bin")));
        Assert.Throws<SealFormatException>(() => Plaintext.Load(Context(Set), Bytes(Set, "secret_key.none.bin")));
        Assert.Throws<SealFormatException>(() => PublicKey.Load(Context(Set), Bytes(Set, "ct_pk_v1.none.bin")));
    }

    [Fact]
    public void A_word_equal_to_its_prime_is_refused()
    {
        var bytes = Bytes(Set, "ct_pk_v1.none.bin").ToArray();
        var q0 = Context(Set).FirstContextData.CoeffModulus[0];
        BitConverter.TryWriteBytes(bytes.AsSpan(16 + 73 + 24), q0);
        Assert.Contains("not below its prime", Assert.Throws<SealFormatException>(() => Ciphertext.Load(Context(Set), bytes)).Message);
    }
}
