using System.Globalization;
using System.Numerics;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks.Tests.Ring;

public class RnsCrtTests
{
    public static TheoryData<int[]> PrimeLists => new()
    {
        new[] { 60 },
        new[] { 40 },
        new[] { 60, 40 },
        new[] { 60, 40, 40 },
        new[] { 40, 60, 40, 60, 40 },
        new[] { 60, 40, 40, 40, 40, 40, 40, 60 },
        new[] { 20, 30 },
    };

    private static (RnsCrt Crt, ulong[] Primes, BigInteger Product) Create(int[] bits)
    {
        var primes = Primes.CreateCoeffModulus(8192, bits);
        return (new RnsCrt(primes.Select(q => new Modulus(q)).ToArray()), primes, primes.Aggregate(BigInteger.One, (p, q) => p * q));
    }

    private static ulong[] Residues(BigInteger x, ulong[] primes) => primes.Select(q => Reference.Mod(x, q)).ToArray();

    /// <summary>
    /// The oracle: the exact centered integer rounded to the nearest double, then divided. The rounding goes through
    /// decimal parsing, which is correctly rounded; BigInteger's own double conversion truncates and can be one ulp off.
    /// </summary>
    private static double Expected(BigInteger x, BigInteger product, double divisor)
    {
        var centered = x >= (product + 1) / 2 ? x - product : x;
        var nearest = double.Parse(centered.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var truncated = (double)centered;
        Assert.True(nearest == truncated || Math.BitIncrement(Math.Abs(truncated)) == Math.Abs(nearest));
        return nearest / divisor;
    }

    private static IEnumerable<BigInteger> Samples(BigInteger product, Random random)
    {
        var half = (product + 1) / 2;
        BigInteger[] edges = [0, 1, product - 1, half - 1, half, half + 1, product - 2, (BigInteger)1 << 40, product - ((BigInteger)1 << 52)];
        foreach (var edge in edges.Where(e => e >= 0 && e < product))
        {
            yield return edge;
        }

        var bytes = new byte[(int)(product.GetBitLength() / 8) + 2];
        for (var i = 0; i < 300; i++)
        {
            random.NextBytes(bytes);
            bytes[^1] = 0;
            var x = new BigInteger(bytes) % product;

            // Also values small in magnitude, as a decoded CKKS coefficient is.
            yield return i % 3 == 0 ? x % ((BigInteger)1 << 70) : i % 3 == 1 ? product - x % ((BigInteger)1 << 70) - 1 : x;
        }
    }

    [Theory]
    [MemberData(nameof(PrimeLists))]
    public void ComposeCenteredToDouble_MatchesBigIntegerConversion(int[] bits)
    {
        var (crt, primes, product) = Create(bits);
        Assert.Equal(primes.Length, crt.Count);
        Assert.Equal(product, crt.Product);
        foreach (var divisor in new[] { 1.0, 1099511627776.0, 3.0 })
        {
            foreach (var x in Samples(product, new Random(bits.Length)))
            {
                Assert.Equal(Expected(x, product, divisor), crt.ComposeCenteredToDouble(Residues(x, primes), divisor));
            }
        }
    }

    [Fact]
    public void ComposeCenteredToDouble_RoundsOnceWithStickyBits()
    {
        // 2^64 + 2^11 + 1 lies just above the midpoint between two doubles (2^64 and 2^64 + 2^12), so it must round up;
        // truncating the low bits first would round to even (down).
        var (crt, primes, _) = Create([60, 40, 40]);
        var x = ((BigInteger)1 << 64) + (1 << 11) + 1;
        Assert.Equal(18446744073709555712.0, crt.ComposeCenteredToDouble(Residues(x, primes), 1.0));
        Assert.Equal(18446744073709551616.0, crt.ComposeCenteredToDouble(Residues(x - 1, primes), 1.0));
    }

    [Fact]
    public void ComposeCenteredToDouble_PrimeMajorPolynomial_MatchesPerCoefficient()
    {
        var (crt, primes, product) = Create([60, 40, 40]);
        const int N = 64;
        var values = Samples(product, new Random(5)).Take(N).ToArray();
        var poly = new ulong[primes.Length * N];
        for (var j = 0; j < primes.Length; j++)
        {
            for (var i = 0; i < N; i++)
            {
                poly[j * N + i] = Reference.Mod(values[i], primes[j]);
            }
        }

        var destination = new double[N];
        crt.ComposeCenteredToDouble(poly, 1099511627776.0, destination);
        Assert.Equal(values.Select(x => Expected(x, product, 1099511627776.0)), destination);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        var (crt, primes, _) = Create([60, 40]);
        Assert.Throws<ArgumentNullException>(() => new RnsCrt(null!));
        Assert.Throws<ArgumentException>(() => new RnsCrt([]));
        Assert.Throws<ArgumentException>(() => new RnsCrt([new Modulus(primes[0]), new Modulus(primes[0])]));
        Assert.Throws<ArgumentException>(() => new RnsCrt([new Modulus(15), new Modulus(10)]));
        Assert.Throws<ArgumentException>(() => new RnsCrt([default]));

        Assert.Throws<ArgumentException>(() => crt.ComposeCenteredToDouble(new ulong[3], 1.0));
        Assert.Throws<ArgumentException>(() => crt.ComposeCenteredToDouble([primes[0], 0], 1.0));
        Assert.Throws<ArgumentException>(() => crt.ComposeCenteredToDouble(new ulong[9], 1.0, new double[4]));
    }
}
