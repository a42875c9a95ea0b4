using System.Numerics;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks.Tests.Ring;

public class GaloisTests
{
    [Fact]
    public void ElementFromStep_MatchesSealForN8192()
    {
        var elements = RingTestData.DerivedKat().GetProperty("galois_ntt_permutation_example").GetProperty("elements");
        foreach (var entry in elements.EnumerateObject())
        {
            var step = int.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(entry.Value.GetUInt64(), Galois.ElementFromStep(step, 8192));
        }

        Assert.Equal(3UL, Galois.ElementFromStep(1, 8192));
        Assert.Equal(9UL, Galois.ElementFromStep(2, 8192));
        Assert.Equal(81UL, Galois.ElementFromStep(4, 8192));
        Assert.Equal(10923UL, Galois.ElementFromStep(-1, 8192));
        Assert.Equal(16383UL, Galois.ElementFromStep(0, 8192));
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(5, 16)]
    [InlineData(-7, 16)]
    [InlineData(4095, 8192)]
    [InlineData(-4095, 8192)]
    [InlineData(-123, 16384)]
    public void ElementFromStep_IsPowerOfThree_AndOppositeStepsAreInverse(int step, int n)
    {
        var twoN = (ulong)(2 * n);
        var exponent = step > 0 ? step : n / 2 + step;
        Assert.Equal((ulong)BigInteger.ModPow(3, exponent, twoN), Galois.ElementFromStep(step, n));
        Assert.Equal(1UL, Galois.ElementFromStep(step, n) * Galois.ElementFromStep(-step, n) % twoN);
    }

    [Fact]
    public void NttPermutation_MatchesDerivedKat()
    {
        var example = RingTestData.DerivedKat().GetProperty("galois_ntt_permutation_example");
        var permutation = Galois.NttPermutation(13, example.GetProperty("galois_elt").GetUInt64());
        var expected = example.GetProperty("table_first_16").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(expected, permutation[..16]);
        Assert.Equal(Enumerable.Range(0, 8192), permutation.Order());
    }

    [Theory]
    [InlineData(4, 3UL)]
    [InlineData(5, 63UL)]
    [InlineData(6, 29UL)]
    public void NttPermutation_IsTheAutomorphismInTheNttDomain(int logN, ulong g)
    {
        // sigma_g in coefficients: X^j -> X^(j*g mod 2N), with a sign flip when the exponent wraps past N.
        var n = 1 << logN;
        var q = new Modulus(Primes.CreateCoeffModulus(n, [50])[0]);
        var tables = new NttTables(logN, q);
        var a = Reference.RandomResidues(new Random(logN), n, q.Value);
        var sigma = new ulong[n];
        for (var j = 0; j < n; j++)
        {
            var target = (int)((ulong)j * g % (ulong)(2 * n));
            if (target < n)
            {
                sigma[target] = a[j];
            }
            else
            {
                sigma[target - n] = q.Negate(a[j]);
            }
        }

        tables.Forward(a);
        tables.Forward(sigma);
        var permuted = new ulong[n];
        Galois.Permute(a, Galois.NttPermutation(logN, g), permuted);
        Assert.Equal(sigma, permuted);
    }

    [Theory]
    [InlineData(3UL, 9UL)]
    [InlineData(3UL, 10923UL)]
    [InlineData(81UL, 16383UL)]
    [InlineData(5UL, 7UL)]
    public void NttPermutation_Composes_AsElementsMultiply(ulong g1, ulong g2)
    {
        const int LogN = 13;
        var first = Galois.NttPermutation(LogN, g1);
        var second = Galois.NttPermutation(LogN, g2);
        var combined = Galois.NttPermutation(LogN, g1 * g2 % 16384);

        var input = Enumerable.Range(0, 8192).Select(i => (ulong)i * 7919).ToArray();
        var once = new ulong[8192];
        var twice = new ulong[8192];
        var direct = new ulong[8192];
        Galois.Permute(input, first, once);
        Galois.Permute(once, second, twice);
        Galois.Permute(input, combined, direct);
        Assert.Equal(direct, twice);
    }

    [Fact]
    public void NttPermutation_ElementOne_IsIdentity()
    {
        Assert.Equal(Enumerable.Range(0, 64), Galois.NttPermutation(6, 1));
    }

    [Theory]
    [InlineData(3, new[] { -1, 4 })]
    [InlineData(-3, new[] { 1, -4 })]
    [InlineData(1, new[] { 1 })]
    [InlineData(-1, new[] { -1 })]
    [InlineData(0, new int[0])]
    [InlineData(7, new[] { -1, 8 })]
    [InlineData(10, new[] { 2, 8 })]
    [InlineData(4095, new[] { -1 })] // 4096 - 1, and the digit 4096 = N/2 is skipped
    public void NafDigits_KnownDecompositions(int step, int[] expected)
    {
        Assert.Equal(expected, Galois.NafDigits(step, 8192));
    }

    [Fact]
    public void NafDigits_AreSparseSignedPowersOfTwo_ThatComposeToTheStep()
    {
        const int N = 8192;
        for (var step = -N / 2 + 1; step < N / 2; step += 37)
        {
            var digits = Galois.NafDigits(step, N);
            var element = 1UL;
            var previousBit = -2;
            foreach (var digit in digits)
            {
                Assert.True(BitOperations.IsPow2(Math.Abs(digit)));
                var bit = BitOperations.Log2((uint)Math.Abs(digit));
                Assert.True(bit > previousBit + 1, $"adjacent non-zero digits for step {step}");
                previousBit = bit;
                element = element * Galois.ElementFromStep(digit, N) % (2 * N);
            }

            // Applying the digit rotations in turn is the same automorphism as the whole step.
            Assert.Equal(Galois.ElementFromStep(step, N), element);
        }
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Galois.ElementFromStep(4096, 8192));
        Assert.Throws<ArgumentOutOfRangeException>(() => Galois.ElementFromStep(-4096, 8192));
        Assert.Throws<ArgumentOutOfRangeException>(() => Galois.ElementFromStep(int.MinValue, 8192));
        Assert.Throws<ArgumentOutOfRangeException>(() => Galois.ElementFromStep(1, 8191));
        Assert.Throws<ArgumentOutOfRangeException>(() => Galois.NafDigits(4096, 8192));
        Assert.Throws<ArgumentOutOfRangeException>(() => Galois.NafDigits(1, 0));

        Assert.Throws<ArgumentException>(() => Galois.NttPermutation(13, 4));
        Assert.Throws<ArgumentException>(() => Galois.NttPermutation(13, 16385));
        Assert.Throws<ArgumentException>(() => Galois.NttPermutation(0, 1));
        Assert.Throws<ArgumentException>(() => Galois.NttPermutation(18, 1));

        var input = new ulong[4];
        Assert.Throws<ArgumentException>(() => Galois.Permute(input, [0, 1, 2], new ulong[4]));
        Assert.Throws<ArgumentException>(() => Galois.Permute(input, [0, 1, 2, 3], input));
        Assert.Throws<ArgumentException>(() => Galois.Permute(input, [0, 1, 2, 4], new ulong[4]));
        Assert.Throws<ArgumentException>(() => Galois.Permute(input, [0, -1, 2, 3], new ulong[4]));
    }
}
