using IcedServerless.Ckks.Ring;

namespace IcedServerless.Benchmarks.Ring;

/// <summary>Deterministic inputs shared by the ring benchmarks.</summary>
internal static class RingBenchmarkData
{
    /// <summary>The largest prime of the given bit size that is 1 mod 2N (SEAL's choice for that size).</summary>
    public static Modulus Prime(int n, int bits) => new(Primes.CreateCoeffModulus(n, [bits])[0]);

    public static ulong[] Residues(int count, ulong q, int seed)
    {
        var random = new Random(seed);
        var values = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (ulong)random.NextInt64(0, (long)q);
        }

        return values;
    }
}
