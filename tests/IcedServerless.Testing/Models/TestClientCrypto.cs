using System.Security.Cryptography;
using IcedServerless.Ckks;
using IcedServerless.Contracts;
using IcedServerless.Client;

namespace IcedServerless.Testing.Models;

/// <summary>
/// What a hospital client holds: the model (shared, its context is costly), a secret key, and the evaluation keys
/// it registers. Created once per test run; encrypts inputs and decrypts results with the real engine.
/// </summary>
public sealed class TestClientCrypto
{
    private static readonly Lazy<TestClientCrypto> s_shared = new(() => new TestClientCrypto(new SlotwiseTestModel()));
    private readonly KeyGenerator _keys;
    private readonly PublicKey _publicKey;

    private TestClientCrypto(SlotwiseTestModel model)
    {
        Model = model;
        _keys = new KeyGenerator(model.Context);
        _publicKey = _keys.CreatePublicKey();
        RelinKeys = _keys.CreateRelinKeysSerializable().Save();
        GaloisKeys = _keys.CreateGaloisKeysSerializable(model.Plan.RotationSteps).Save();
    }

    public static TestClientCrypto Shared => s_shared.Value;

    public SlotwiseTestModel Model { get; }

    public byte[] RelinKeys { get; }

    public byte[] GaloisKeys { get; }

    public static KeyBlobDescriptor Describe(byte[] file) => new(Convert.ToHexStringLower(SHA256.HashData(file)), file.Length);

    /// <summary>Deterministic inputs in [-1, 1] for one unit.</summary>
    public double[] Inputs(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Model.Context.SlotCount).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
    }

    /// <summary>One input unit: the encrypted inputs at the plan's level and scale.</summary>
    public byte[] EncryptUnit(double[] values, ParmsId? parmsId = null)
    {
        var plain = new Plaintext();
        new CkksEncoder(Model.Context).Encode(values, parmsId ?? Model.Context.Levels[Model.Plan.InputLevel].ParmsId, Model.Plan.InputScale, plain);
        return new Encryptor(Model.Context, _publicKey).Encrypt(plain).Save();
    }

    /// <summary>A seeded (half-size) symmetric encryption of the inputs, as SEAL clients can upload.</summary>
    public byte[] EncryptUnitSeeded(double[] values)
    {
        var plain = new Plaintext();
        new CkksEncoder(Model.Context).Encode(values, Model.Context.Levels[Model.Plan.InputLevel].ParmsId, Model.Plan.InputScale, plain);
        return new Encryptor(Model.Context, _keys.SecretKey).EncryptSymmetricSerializable(plain).Save();
    }

    /// <summary>Decrypts a result unit into one vector of logits per class.</summary>
    public double[][] DecryptResult(byte[] unit)
    {
        var decryptor = new Decryptor(Model.Context, _keys.SecretKey);
        var encoder = new CkksEncoder(Model.Context);
        return UnitBlob.Split(unit).Select(c => encoder.Decode(decryptor.Decrypt(Ciphertext.Load(Model.Context, c)))).ToArray();
    }
}
