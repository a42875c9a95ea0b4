using IcedServerless.Inference;
using IcedServerless.Testing.Models;

namespace IcedServerless.PipelineBench;

/// <summary>The pipeline tests' small model on random inputs: cheap scoring, so the pipeline's own cost shows.</summary>
internal sealed class SlotwiseWorkload(int units) : IWorkload
{
    private static TestClientCrypto Crypto => TestClientCrypto.Shared;

    public string Description => $"test model `{SlotwiseTestModel.Id}` (N = 8192), {units} random units";

    public IEncryptedModel Model => Crypto.Model;

    public byte[]? RelinKeys => Crypto.RelinKeys;

    public byte[]? GaloisKeys => Crypto.GaloisKeys;

    public int Units => units;

    public byte[] EncryptUnit(int unit) => Crypto.EncryptUnit(Crypto.Inputs(1000 + unit));

    public (double MaxError, string Summary) Verify(IReadOnlyList<byte[]> results)
    {
        var maxError = 0.0;
        for (var u = 0; u < results.Count; u++)
        {
            var expected = SlotwiseTestModel.Predict(Crypto.Inputs(1000 + u));
            var actual = Crypto.DecryptResult(results[u]);
            for (var c = 0; c < expected.Length; c++)
            {
                maxError = Math.Max(maxError, expected[c].Zip(actual[c], (e, a) => Math.Abs(e - a)).Max());
            }
        }

        return (maxError, $"{results.Count} units decrypted");
    }
}
