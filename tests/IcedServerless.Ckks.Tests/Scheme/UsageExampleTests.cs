using IcedServerless.Ckks.Serialization;
using IcedServerless.Ckks.Tests.Infrastructure;

namespace IcedServerless.Ckks.Tests.Scheme;

/// <summary>The usage example of docs/ckks-engine.md, kept compiling and correct.</summary>
public sealed class UsageExampleTests
{
    [Fact]
    public void Documented_example_runs()
    {
        // Parameters → context (checked against the 128-bit table) → keys.
        var parameters = EncryptionParameters.Create(8192, 60, 40, 40, 60);
        var context = new CkksContext(parameters);
        var keygen = new KeyGenerator(context);
        using var secretKey = keygen.SecretKey;
        var publicKey = keygen.CreatePublicKey();
        var relinKeys = keygen.CreateRelinKeys();
        var galoisKeys = keygen.CreateGaloisKeys([1, -1]);

        // Encode and encrypt.
        var encoder = new CkksEncoder(context);
        var scale = Math.Pow(2, 40);
        var x = new[] { 1.5, 2.0, 3.0, -4.25 };
        var encrypted = new Encryptor(context, publicKey).Encrypt(encoder.Encode(x, scale));

        // Evaluate: x² (relinearize, rescale), then rotate one slot to the left.
        var evaluator = new Evaluator(context);
        evaluator.SquareInplace(encrypted);
        evaluator.RelinearizeInplace(encrypted, relinKeys);
        evaluator.RescaleToNextInplace(encrypted);
        evaluator.RotateVectorInplace(encrypted, 1, galoisKeys);

        // Decrypt and decode.
        var result = encoder.Decode(new Decryptor(context, secretKey).Decrypt(encrypted));
        Assert.Equal(4.0, result[0], 5);   // 2.0²
        Assert.Equal(9.0, result[1], 5);   // 3.0²
        Assert.Equal(18.0625, result[2], 5); // (−4.25)²

        // Loading a ciphertext that node-seal saved (SEAL's default zstd compression, or zlib/none).
        var sealContext = SealVectors.Context("n8192");
        var fromNodeSeal = Ciphertext.Load(sealContext, SealVectors.Bytes("n8192", "ct_pk_v1.zstd.bin"));
        Assert.Equal(sealContext.FirstParmsId, fromNodeSeal.ParmsId);
        Assert.Equal(ComprModeType.ZLib, SealHeader.Read(fromNodeSeal.Save()).ComprMode);
    }
}
