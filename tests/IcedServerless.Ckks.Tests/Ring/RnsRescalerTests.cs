using System.Numerics;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks.Tests.Ring;

public class RnsRescalerTests
{
    private static NttTables[] Tables(int logN, IEnumerable<ulong> primes) =>
        primes.Select(q => new NttTables(logN, new Modulus(q))).ToArray();

    public static TheoryData<int, int[]> Shapes => new()
    {
        { 4, [60, 60] },
        { 5, [40, 60] },
        { 6, [60, 40, 40, 60] },
        { 6, [30, 50, 20] },
        { 13, [60, 40, 40, 60] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DivideAndRoundLast_MatchesBigIntegerRounding(int logN, int[] bits)
    {
        var n = 1 << logN;
        var primes = Primes.CreateCoeffModulus(n, bits);
        var tables = Tables(logN, primes);
        var last = primes[^1];
        var coefficients = RandomCoefficients(n, primes, new Random(logN + bits.Length));
        var poly = Transform(coefficients, tables, primes.Length);

        new RnsRescaler(tables).DivideAndRoundLast(poly, new ulong[n]);

        for (var j = 0; j < primes.Length - 1; j++)
        {
            var block = poly.AsSpan(j * n, n);
            tables[j].Inverse(block);
            for (var i = 0; i < n; i++)
            {
                // round(x / ql) for odd ql: floor((x + floor(ql/2)) / ql).
                var expected = (coefficients[i] + last / 2) / last;
                Assert.Equal(Reference.Mod(expected, primes[j]), block[i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Divide_adds_the_rounded_quotient_of_x_plus_noise_in_coefficient_form(int logN, int[] bits)
    {
        var n = 1 << logN;
        var primes = Primes.CreateCoeffModulus(n, bits);
        var tables = Tables(logN, primes);
        var last = primes[^1];
        var random = new Random(logN * 7 + bits.Length);
        var x = RandomCoefficients(n, primes, random);
        var noise = Enumerable.Range(0, n).Select(_ => (BigInteger)random.Next(-21, 22)).ToArray();
        noise[0] = -21; // x_0 = 0, so x + e is negative there
        var start = Enumerable.Range(0, n).Select(_ => (BigInteger)random.NextInt64()).ToArray();
        var remaining = primes.Length - 1;

        var poly = Transform(x, tables, primes.Length);
        var addend = new ulong[primes.Length * n];
        for (var j = 0; j < primes.Length; j++)
        {
            for (var i = 0; i < n; i++)
            {
                addend[j * n + i] = Reference.Mod(noise[i], primes[j]);
            }
        }

        foreach (var accumulate in new[] { false, true })
        {
            var destination = Transform(start, tables, remaining);
            var lastBlock = poly.AsSpan(remaining * n, n).ToArray();
            new RnsRescaler(tables).Divide(poly, lastBlock, addend, new ulong[n], destination, accumulate);
            for (var j = 0; j < remaining; j++)
            {
                var block = destination.AsSpan(j * n, n);
                tables[j].Inverse(block);
                for (var i = 0; i < n; i++)
                {
                    // round((x + e) / ql) for odd ql, x + e of either sign: floor((x + e + floor(ql/2)) / ql).
                    var expected = BigInteger.DivRem(x[i] + noise[i] + last / 2, last, out var remainder);
                    expected -= remainder.Sign < 0 ? 1 : 0;
                    Assert.Equal(Reference.Mod(expected + (accumulate ? start[i] : 0), primes[j]), block[i]);
                }
            }
        }
    }

    /// <summary>Random integers in [0, Q), with the extremes 0 and Q - 1 and the rounding boundary up front.</summary>
    private static BigInteger[] RandomCoefficients(int n, ulong[] primes, Random random)
    {
        var product = primes.Aggregate(BigInteger.One, (p, q) => p * q);
        var coefficients = new BigInteger[n];
        var bytes = new byte[8 * primes.Length + 1];
        for (var i = 0; i < n; i++)
        {
            random.NextBytes(bytes);
            bytes[^1] = 0;
            coefficients[i] = new BigInteger(bytes) % product;
        }

        var last = primes[^1];
        coefficients[0] = 0;
        coefficients[1] = product - 1;
        coefficients[2] = last / 2;
        coefficients[3] = last / 2 + 1;
        return coefficients;
    }

    /// <summary>The first <paramref name="count"/> residue blocks of integer coefficients, in NTT form.</summary>
    private static ulong[] Transform(BigInteger[] coefficients, NttTables[] tables, int count)
    {
        var n = coefficients.Length;
        var poly = new ulong[count * n];
        for (var j = 0; j < count; j++)
        {
            var block = poly.AsSpan(j * n, n);
            for (var i = 0; i < n; i++)
            {
                block[i] = Reference.Mod(coefficients[i], tables[j].Modulus.Value);
            }

            tables[j].Forward(block);
        }

        return poly;
    }

    [Theory]
    [InlineData("n8192", 13, 3)]
    [InlineData("n16384", 14, 7)]
    public void DivideAndRoundLast_ReproducesSealRescale(string set, int logN, int primeCount)
    {
        // op_multiply_plain_rescaled is SEAL's rescale_to_next of op_multiply_plain_ctpkv1_ptv2: a size-2 ciphertext at
        // the first data level (primeCount primes) divided by its last prime.
        var n = 1 << logN;
        var primes = (set == "n8192" ? RingTestData.N8192Primes : RingTestData.N16384Primes)[..primeCount];
        var before = RingTestData.ReadWords($"{set}/op_multiply_plain_ctpkv1_ptv2.none.bin", RingTestData.CiphertextDataOffset, 2 * primeCount * n);
        var after = RingTestData.ReadWords($"{set}/op_multiply_plain_rescaled.none.bin", RingTestData.CiphertextDataOffset, 2 * (primeCount - 1) * n);

        var rescaler = new RnsRescaler(Tables(logN, primes));
        Assert.Equal(primeCount, rescaler.InputPrimeCount);
        var scratch = new ulong[n];
        for (var p = 0; p < 2; p++)
        {
            var poly = before.AsSpan(p * primeCount * n, primeCount * n);
            rescaler.DivideAndRoundLast(poly, scratch);
            Assert.True(poly[..((primeCount - 1) * n)].SequenceEqual(after.AsSpan(p * (primeCount - 1) * n, (primeCount - 1) * n)));
        }
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        var primes = Primes.CreateCoeffModulus(16, [30, 30, 40]);
        var tables = Tables(4, primes);
        Assert.Throws<ArgumentNullException>(() => new RnsRescaler(null!));
        Assert.Throws<ArgumentException>(() => new RnsRescaler(tables[..1]));
        Assert.Throws<ArgumentException>(() => new RnsRescaler([tables[0], new NttTables(5, new Modulus(primes[1]))]));
        Assert.Throws<ArgumentException>(() => new RnsRescaler([tables[0], tables[1], tables[0]]));
        Assert.Throws<ArgumentNullException>(() => new RnsRescaler([tables[0], null!]));

        var rescaler = new RnsRescaler(tables);
        Assert.Throws<ArgumentException>(() => rescaler.DivideAndRoundLast(new ulong[47], new ulong[16]));
        Assert.Throws<ArgumentException>(() => rescaler.DivideAndRoundLast(new ulong[48], new ulong[15]));
    }
}
