using System.Text.Json;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks.Tests.Ring;

public class PrimesTests
{
    [Fact]
    public void IsPrime_SmallValues_AgreeWithSieve()
    {
        const int Limit = 200_000;
        var composite = new bool[Limit];
        composite[0] = composite[1] = true;
        for (var i = 2; (long)i * i < Limit; i++)
        {
            if (!composite[i])
            {
                for (var j = i * i; j < Limit; j += i)
                {
                    composite[j] = true;
                }
            }
        }

        for (var n = 0; n < Limit; n++)
        {
            Assert.True(Primes.IsPrime((ulong)n) == !composite[n], $"IsPrime({n})");
        }
    }

    [Theory]
    [InlineData(4294967291UL)] // largest 32-bit prime
    [InlineData(1099510890497UL)]
    [InlineData(1152921504606748673UL)]
    [InlineData(1152921504606830593UL)]
    [InlineData((1UL << 61) - 1)] // Mersenne prime
    [InlineData(9223372036854775783UL)] // largest prime below 2^63
    [InlineData(18446744073709551557UL)] // largest 64-bit prime
    public void IsPrime_KnownPrimes_True(ulong value)
    {
        Assert.True(Primes.IsPrime(value));
    }

    [Theory]
    // Carmichael numbers: Fermat liars for every coprime base.
    [InlineData(561UL)]
    [InlineData(41041UL)]
    [InlineData(825265UL)]
    [InlineData(321197185UL)]
    [InlineData(5394826801UL)]
    [InlineData(232250619601UL)]
    [InlineData(9746347772161UL)]
    // The smallest strong pseudoprimes to all of the first k prime bases (k = 1 … 9).
    [InlineData(2047UL)]
    [InlineData(1373653UL)]
    [InlineData(25326001UL)]
    [InlineData(3215031751UL)]
    [InlineData(2152302898747UL)]
    [InlineData(3474749660383UL)]
    [InlineData(341550071728321UL)]
    [InlineData(3825123056546413051UL)]
    // Large semiprimes and a square of a prime.
    [InlineData(4294967291UL * 4294967279UL)]
    [InlineData(4294967291UL * 4294967291UL)]
    [InlineData(1152921504606748673UL * 13)]
    [InlineData((1UL << 61) + 1)]
    [InlineData(ulong.MaxValue)]
    public void IsPrime_Composites_False(ulong value)
    {
        Assert.False(Primes.IsPrime(value));
    }

    [Fact]
    public void CreateCoeffModulus_MatchesSealExamples()
    {
        var examples = RingTestData.Manifest().GetProperty("coeff_modulus_create_examples");
        Assert.True(examples.GetArrayLength() >= 6);
        foreach (var example in examples.EnumerateArray())
        {
            var n = example.GetProperty("N").GetInt32();
            var bits = example.GetProperty("bits").EnumerateArray().Select(b => b.GetInt32()).ToArray();
            var expected = example.GetProperty("primes").EnumerateArray().Select(RingTestData.ParseUInt64).ToArray();
            Assert.Equal(expected, Primes.CreateCoeffModulus(n, bits));
        }
    }

    [Fact]
    public void CreateCoeffModulus_TestVectorParameters()
    {
        Assert.Equal(RingTestData.N8192Primes, Primes.CreateCoeffModulus(8192, [60, 40, 40, 60]));
        Assert.Equal(RingTestData.N16384Primes, Primes.CreateCoeffModulus(16384, [60, 40, 40, 40, 40, 40, 40, 60]));
    }

    [Fact]
    public void CreateCoeffModulus_Properties_HoldForMixedSizes()
    {
        int[] bits = [30, 50, 30, 20, 50, 30];
        const int N = 1024;
        var primes = Primes.CreateCoeffModulus(N, bits);
        for (var i = 0; i < bits.Length; i++)
        {
            Assert.True(Primes.IsPrime(primes[i]));
            Assert.Equal(1UL, primes[i] % (2 * N));
            Assert.Equal(bits[i], new Modulus(primes[i]).BitCount);
        }

        // Equal sizes come out in increasing order and are distinct.
        Assert.True(primes[0] < primes[2] && primes[2] < primes[5]);
        Assert.True(primes[1] < primes[4]);
        Assert.Equal(primes.Length, primes.Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6000)]
    [InlineData(262144)]
    public void CreateCoeffModulus_BadDegree_Throws(int n)
    {
        Assert.Throws<ArgumentException>(() => Primes.CreateCoeffModulus(n, [40]));
    }

    [Fact]
    public void CreateCoeffModulus_BadBitSizes_Throw()
    {
        Assert.Throws<ArgumentException>(() => Primes.CreateCoeffModulus(8192, []));
        Assert.Throws<ArgumentException>(() => Primes.CreateCoeffModulus(8192, [61]));
        Assert.Throws<ArgumentException>(() => Primes.CreateCoeffModulus(8192, [40, 1]));
        Assert.Throws<ArgumentException>(() => Primes.CreateCoeffModulus(8192, Enumerable.Repeat(60, 257).ToArray()));
    }

    [Fact]
    public void CreateCoeffModulus_NotEnoughPrimes_ThrowsSealMessage()
    {
        // 14-bit values that are 1 mod 16384 do not exist.
        var error = Assert.Throws<ArgumentException>(() => Primes.CreateCoeffModulus(8192, [14]));
        Assert.Contains("failed to find enough qualifying coeff_modulus primes", error.Message);

        // There are only a handful of 17-bit primes that are 1 mod 2^14; asking for many more fails.
        Assert.Throws<ArgumentException>(() => Primes.CreateCoeffModulus(8192, Enumerable.Repeat(17, 10).ToArray()));
    }

    [Theory]
    [InlineData("n8192", 8192)]
    [InlineData("n16384", 16384)]
    public void MinimalPrimitiveRoot_MatchesDerivedKat(string set, int n)
    {
        foreach (var entry in RingTestData.DerivedKat().GetProperty("ntt_roots").GetProperty(set).EnumerateArray())
        {
            var q = new Modulus(RingTestData.ParseUInt64(entry.GetProperty("q")));
            var root = Primes.MinimalPrimitiveRoot(2UL * (ulong)n, q);
            Assert.Equal(RingTestData.ParseUInt64(entry.GetProperty("psi_minimal_primitive_2N_th_root")), root);
            Assert.Equal(RingTestData.ParseUInt64(entry.GetProperty("psi_inverse")), q.Inverse(root));
            Assert.Equal(RingTestData.ParseUInt64(entry.GetProperty("N_inverse_mod_q")), q.Inverse((ulong)n));
        }
    }

    [Theory]
    [InlineData(97UL, 16UL)]
    [InlineData(193UL, 64UL)]
    [InlineData(12289UL, 2048UL)]
    [InlineData(257UL, 2UL)]
    public void MinimalPrimitiveRoot_IsTheSmallestElementOfExactOrder(ulong prime, ulong twoN)
    {
        var q = new Modulus(prime);
        ulong expected = 0;
        for (ulong x = 2; x < prime && expected == 0; x++)
        {
            if (q.Pow(x, twoN / 2) == prime - 1)
            {
                expected = x;
            }
        }

        Assert.Equal(expected, Primes.MinimalPrimitiveRoot(twoN, q));
    }

    [Fact]
    public void MinimalPrimitiveRoot_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => Primes.MinimalPrimitiveRoot(16384, new Modulus(1099511627791)));
        Assert.Throws<ArgumentException>(() => Primes.MinimalPrimitiveRoot(24, new Modulus(97)));
        Assert.Throws<ArgumentException>(() => Primes.MinimalPrimitiveRoot(1, new Modulus(97)));
        Assert.Throws<ArgumentException>(() => Primes.MinimalPrimitiveRoot(16, new Modulus(17 * 113))); // 1 mod 16, not prime
    }

    [Fact]
    public void DerivedKat_HasRootsForEveryPrime()
    {
        var roots = RingTestData.DerivedKat().GetProperty("ntt_roots");
        Assert.Equal(RingTestData.N8192Primes, roots.GetProperty("n8192").EnumerateArray().Select(e => RingTestData.ParseUInt64(e.GetProperty("q"))));
        Assert.Equal(JsonValueKind.Array, roots.GetProperty("n16384").ValueKind);
    }
}
