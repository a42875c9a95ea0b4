using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>Coefficient-modulus construction and the security table, as SEAL's <c>CoeffModulus</c>.</summary>
public static class CoeffModulus
{
    // HomomorphicEncryption.org maximum log2(q) for a ternary secret, classical attack model (SEAL's tables).
    private static readonly (int N, int Bits128, int Bits192, int Bits256)[] s_table =
    [
        (1024, 27, 19, 14),
        (2048, 54, 37, 29),
        (4096, 109, 75, 58),
        (8192, 218, 152, 118),
        (16384, 438, 305, 237),
        (32768, 881, 611, 476),
    ];

    /// <summary>
    /// The largest total bit count of the coefficient modulus that reaches <paramref name="level"/> at
    /// <paramref name="polyModulusDegree"/>, or 0 when the standard has no entry (such parameters are refused).
    /// For <see cref="SecurityLevel.None"/> there is no limit and <see cref="int.MaxValue"/> is returned.
    /// </summary>
    public static int MaxBitCount(int polyModulusDegree, SecurityLevel level = SecurityLevel.TC128)
    {
        if (level == SecurityLevel.None)
        {
            return int.MaxValue;
        }

        foreach (var row in s_table)
        {
            if (row.N == polyModulusDegree)
            {
                return level switch
                {
                    SecurityLevel.TC128 => row.Bits128,
                    SecurityLevel.TC192 => row.Bits192,
                    SecurityLevel.TC256 => row.Bits256,
                    _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown security level"),
                };
            }
        }

        return 0;
    }

    /// <summary>
    /// Chooses NTT-friendly primes of the given bit sizes exactly as SEAL's <c>CoeffModulus.Create</c> does, so a
    /// SEAL client that calls <c>CoeffModulus.Create(N, bits)</c> gets the same primes in the same order.
    /// </summary>
    /// <param name="polyModulusDegree">N, a power of two.</param>
    /// <param name="bitSizes">Bit size of each prime, 2 to 60; the last prime is the special (key-switching) prime.</param>
    public static ulong[] Create(int polyModulusDegree, params int[] bitSizes) =>
        Primes.CreateCoeffModulus(polyModulusDegree, bitSizes);
}
