using IcedServerless.Ckks.Tests.Infrastructure;

namespace IcedServerless.Ckks.Tests.Scheme;

/// <summary>Fresh keys of our own at N=8192 (60,40,40,60), shared by the tests of one class.</summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        Context = SealVectors.Context("n8192");
        KeyGenerator = new KeyGenerator(Context);
        PublicKey = KeyGenerator.CreatePublicKey();
        RelinKeys = KeyGenerator.CreateRelinKeys();
        GaloisKeys = KeyGenerator.CreateGaloisKeys([1, -1, 4, -4, 0]);
        Encoder = new CkksEncoder(Context);
        Encryptor = new Encryptor(Context, PublicKey, KeyGenerator.SecretKey);
        Decryptor = new Decryptor(Context, KeyGenerator.SecretKey);
        Evaluator = new Evaluator(Context);
    }

    public CkksContext Context { get; }

    public KeyGenerator KeyGenerator { get; }

    public PublicKey PublicKey { get; }

    public RelinKeys RelinKeys { get; }

    public GaloisKeys GaloisKeys { get; }

    public CkksEncoder Encoder { get; }

    public Encryptor Encryptor { get; }

    public Decryptor Decryptor { get; }

    public Evaluator Evaluator { get; }

    public double[] Random(int seed, double magnitude = 1.0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Context.SlotCount).Select(_ => ((random.NextDouble() * 2) - 1) * magnitude).ToArray();
    }

    public Ciphertext Encrypt(double[] values) => Encryptor.Encrypt(Encoder.Encode(values, SealVectors.Scale));

    public double[] Decrypt(Ciphertext ct) => Encoder.Decode(Decryptor.Decrypt(ct));

    public void Dispose() => KeyGenerator.SecretKey.Dispose();
}
