using IcedServerless.Ckks;

namespace IcedServerless.Inference.Planning;

/// <summary>CKKS parameters chosen for a plan: the smallest 128-bit-secure ring with enough levels and slots.</summary>
/// <param name="PolyModulusDegree">N.</param>
/// <param name="CoeffModulusBits">[q0, scale primes…, special prime].</param>
internal sealed record CkksParameterChoice(int PolyModulusDegree, int[] CoeffModulusBits)
{
    public EncryptionParameters Create() => EncryptionParameters.Create(PolyModulusDegree, CoeffModulusBits);
}

/// <summary>
/// Chooses parameters: <c>depth</c> primes of <see cref="ScaleBits"/> bits (one per rescale), a first prime large
/// enough to hold the decrypted logits, and a special prime for key switching, all within the
/// HomomorphicEncryption.org 128-bit bound.
/// </summary>
internal static class CkksPlanner
{
    /// <summary>Bits of the scale and of each rescaling prime (2^40 keeps ~20 bits of precision after a dozen ops).</summary>
    public const int ScaleBits = 40;

    private static readonly int[] s_degrees = [8192, 16384, 32768];

    // (first prime, special prime): larger first primes give more headroom for the logits (|logit| < 2^(q0 − 41)).
    private static readonly (int First, int Special)[] s_edges = [(60, 60), (55, 55), (50, 48)];

    public static CkksParameterChoice Choose(int depth, int minimumSlots)
    {
        foreach (var n in s_degrees)
        {
            if (n / 2 < minimumSlots)
            {
                continue;
            }

            foreach (var (first, special) in s_edges)
            {
                int[] bits = [first, .. Enumerable.Repeat(ScaleBits, depth), special];
                if (bits.Sum() > CoeffModulus.MaxBitCount(n))
                {
                    continue;
                }

                var choice = new CkksParameterChoice(n, bits);
                try
                {
                    _ = new CkksContext(choice.Create()); // exact check of the 128-bit bound on the real primes
                    return choice;
                }
                catch (InvalidParametersException)
                {
                }
            }
        }

        throw new NotSupportedException($"no 128-bit-secure CKKS parameters up to N=32768 give depth {depth} with {minimumSlots} slots");
    }
}
