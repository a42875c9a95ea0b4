using System.Numerics;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>
/// One level of the modulus-switching chain: its primes, parms_id, chain index and precomputed tables. The key
/// level holds all K primes; data levels hold K-1, K-2, …, 1 (SEAL's <c>ContextData</c>).
/// </summary>
public sealed class ContextData
{
    internal ContextData(int chainIndex, int polyModulusDegree, ReadOnlySpan<ulong> primes, NttTables[] allTables)
    {
        ChainIndex = chainIndex;
        PrimeCount = primes.Length;
        CoeffModulus = primes.ToArray();
        ParmsId = ParmsId.Compute(polyModulusDegree, primes);
        Ntt = allTables[..primes.Length];
        Moduli = Ntt.Select(t => t.Modulus).ToArray();
        var product = BigInteger.One;
        foreach (var q in primes)
        {
            product *= q;
        }

        TotalCoeffModulus = product;
        TotalCoeffModulusBitCount = (int)product.GetBitLength();
        Rescaler = primes.Length >= 2 ? new RnsRescaler(Ntt) : null;
        Crt = new RnsCrt(Moduli);
    }

    /// <summary>Position in the chain: K-1 for the key level, 0 for the last level.</summary>
    public int ChainIndex { get; }

    /// <summary>The parms_id of this level.</summary>
    public ParmsId ParmsId { get; }

    /// <summary>Number of primes at this level.</summary>
    public int PrimeCount { get; }

    /// <summary>The primes of this level.</summary>
    public IReadOnlyList<ulong> CoeffModulus { get; }

    /// <summary>Bit length of the product of this level's primes.</summary>
    public int TotalCoeffModulusBitCount { get; }

    /// <summary>The next (lower) level, or null at the last level.</summary>
    public ContextData? Next { get; internal set; }

    /// <summary>The previous (higher) level, or null at the key level.</summary>
    public ContextData? Previous { get; internal set; }

    internal BigInteger TotalCoeffModulus { get; }

    internal Modulus[] Moduli { get; }

    internal NttTables[] Ntt { get; }

    /// <summary>Divides by this level's last prime (rescale, and the public-key encryption one level up).</summary>
    internal RnsRescaler? Rescaler { get; }

    /// <summary>Divides by the special prime over [q_0..q_{L-1}, P] (key switching); null at the key level.</summary>
    internal RnsRescaler? KeySwitchModDown { get; set; }

    internal RnsCrt Crt { get; }

    /// <summary>SEAL's scale check: positive and <c>trunc(log2 scale) &lt; total bit count</c>.</summary>
    internal bool IsScaleWithinBounds(double scale) =>
        scale > 0 && double.IsFinite(scale) && (int)Math.Log2(scale) < TotalCoeffModulusBitCount;
}
