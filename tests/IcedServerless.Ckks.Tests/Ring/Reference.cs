using System.Numerics;

namespace IcedServerless.Ckks.Tests.Ring;

/// <summary>Slow BigInteger oracles, written from the definitions rather than from the code under test.</summary>
internal static class Reference
{
    public static ulong Mod(BigInteger x, ulong q)
    {
        var r = x % q;
        return (ulong)(r.Sign < 0 ? r + q : r);
    }

    /// <summary>a * b in Z_q[X]/(X^N + 1) by the schoolbook rule: X^N wraps to -1.</summary>
    public static ulong[] NegacyclicProduct(ulong[] a, ulong[] b, ulong q)
    {
        var n = a.Length;
        var sums = new BigInteger[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var term = (BigInteger)a[i] * b[j];
                if (i + j < n)
                {
                    sums[i + j] += term;
                }
                else
                {
                    sums[i + j - n] -= term;
                }
            }
        }

        return sums.Select(s => Mod(s, q)).ToArray();
    }

    /// <summary>The transform by its definition: position i holds a(psi^(2*bitrev(i)+1)).</summary>
    public static ulong[] EvaluateAtBitReversedOddPowers(ulong[] a, ulong psi, ulong q)
    {
        var n = a.Length;
        var logN = BitOperations.Log2((uint)n);
        var result = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            var exponent = 2 * ReverseBits(i, logN) + 1;
            var point = BigInteger.ModPow(psi, exponent, q);
            var acc = BigInteger.Zero;
            for (var j = n - 1; j >= 0; j--)
            {
                acc = (acc * point + a[j]) % q;
            }

            result[i] = (ulong)acc;
        }

        return result;
    }

    public static int ReverseBits(int value, int bits)
    {
        var r = 0;
        for (var i = 0; i < bits; i++)
        {
            r |= ((value >> i) & 1) << (bits - 1 - i);
        }

        return r;
    }

    /// <summary>The integer in [0, Q) with the given residues (textbook CRT).</summary>
    public static BigInteger Compose(ReadOnlySpan<ulong> residues, IReadOnlyList<ulong> primes)
    {
        var product = primes.Aggregate(BigInteger.One, (p, q) => p * q);
        var x = BigInteger.Zero;
        for (var j = 0; j < primes.Count; j++)
        {
            var others = product / primes[j];
            var inverse = BigInteger.ModPow(others % primes[j], primes[j] - 2, primes[j]);
            x += residues[j] * others % product * inverse;
        }

        return x % product;
    }

    public static ulong[] RandomResidues(Random random, int count, ulong q)
    {
        var values = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (ulong)random.NextInt64(0, (long)q);
        }

        return values;
    }
}
