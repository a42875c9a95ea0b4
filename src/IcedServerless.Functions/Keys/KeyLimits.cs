using IcedServerless.Inference;

namespace IcedServerless.Functions.Keys;

/// <summary>
/// The largest key files a plan can need, computed from its parameters: a key-switching key is one size-2
/// ciphertext at the key level per data prime. Declared lengths above these are refused before any upload link
/// is issued, and downloads are capped at the declared length.
/// </summary>
internal static class KeyLimits
{
    // Slack for SEAL headers of the nested objects and a worst-case expansion of incompressible data by zlib/zstd.
    private const long FixedSlack = 64 * 1024;

    /// <summary>The most bytes of a relinearization key file (one key, for power 2).</summary>
    public static long MaxRelinBytes(IEncryptedModel model) => Bound(model, keys: 1);

    /// <summary>The most bytes of a Galois key file (one key per rotation step, plus conjugation).</summary>
    public static long MaxGaloisBytes(IEncryptedModel model) => Bound(model, keys: model.Plan.RotationSteps.Count + 1);

    private static long Bound(IEncryptedModel model, int keys)
    {
        var context = model.Context;
        var keyPrimes = (long)context.KeyContextData.PrimeCount;
        var dataPrimes = Math.Max(1, keyPrimes - 1);
        var perKey = dataPrimes * 2 * context.PolyModulusDegree * keyPrimes * sizeof(ulong);
        var raw = keys * perKey;
        return raw + (raw / 100) + FixedSlack;
    }
}
