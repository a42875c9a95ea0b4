using IcedServerless.Ckks.Hashing;

namespace IcedServerless.Ckks.Tests.Hashing;

/// <summary>Ternary and centered-binomial samplers: exact byte-to-value mapping, residues, and distribution.</summary>
public class SmallSamplerTests
{
    private const int SampleCount = 100_000;
    private static readonly ulong[] s_primes = [1099510890497, 1152921504606748673];

    // Reads coefficient i back as a signed value from block j, checking it is a canonical residue.
    private static long Signed(ulong[] poly, int n, int j, int i)
    {
        ulong q = s_primes[j];
        ulong r = poly[(j * n) + i];
        Assert.True(r < q);
        return r > q / 2 ? -(long)(q - r) : (long)r;
    }

    private static long[] Coefficients(ulong[] poly, int n)
    {
        var values = new long[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = Signed(poly, n, 0, i);
            Assert.Equal(values[i], Signed(poly, n, 1, i));
        }

        return values;
    }

    [Fact]
    public void Ternary_MapsBytesModThree_AndSkips255()
    {
        var stream = new ScriptedStream([255, 0, 1, 2, 255, 255, 5]);
        var poly = new ulong[2 * 4];
        Sampler.Ternary(stream, s_primes, 4, poly);
        Assert.Equal(new long[] { -1, 0, 1, 1 }, Coefficients(poly, 4));
        Assert.Equal(7, stream.Consumed);
        Assert.Equal(s_primes[1] - 1, poly[4]);
    }

    [Fact]
    public void Ternary_IsUniformOverMinusOneZeroOne()
    {
        var poly = new ulong[2 * SampleCount];
        Sampler.Ternary(SealPrng.CreateRandom(), s_primes, SampleCount, poly);
        long[] values = Coefficients(poly, SampleCount);

        // Each count is Binomial(n, 1/3): mean 33 333, standard deviation about 149; allow 6 deviations.
        foreach (long v in new long[] { -1, 0, 1 })
        {
            Assert.InRange(values.Count(x => x == v), 33_333 - 900, 33_333 + 900);
        }

        Assert.Equal(SampleCount, values.Count(x => x is >= -1 and <= 1));
    }

    [Fact]
    public void CenteredBinomial_CountsBitsOfSixBytes_WithTheFiveBitMask()
    {
        byte[] script =
        [
            0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, // 8 + 8 + 5 = 21
            0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, // −21
            0x01, 0x00, 0xE0, 0x00, 0x00, 0x20, // x2 and x5 lose their top three bits: 1 − 0
            0x0F, 0x03, 0x01, 0xF0, 0x00, 0x1F, // 4 + 2 + 1 − (4 + 0 + 5) = −2
        ];
        var stream = new ScriptedStream(script);
        var poly = new ulong[2 * 4];
        Sampler.CenteredBinomial(stream, s_primes, 4, poly);
        Assert.Equal(new long[] { 21, -21, 1, -2 }, Coefficients(poly, 4));
        Assert.Equal(script.Length, stream.Consumed);
    }

    [Fact]
    public void CenteredBinomial_HasSealsRangeMeanAndVariance()
    {
        var poly = new ulong[2 * SampleCount];
        Sampler.CenteredBinomial(SealPrng.CreateRandom(), s_primes, SampleCount, poly);
        long[] values = Coefficients(poly, SampleCount);

        Assert.All(values, v => Assert.InRange(v, -21, 21));
        double mean = values.Average();
        double variance = values.Select(v => (v - mean) * (v - mean)).Sum() / (SampleCount - 1);

        // Standard errors: mean 3.24/sqrt(n) ≈ 0.010, variance ≈ 0.046; bounds are about six of them.
        Assert.InRange(mean, -0.06, 0.06);
        Assert.InRange(variance, 10.5 - 0.3, 10.5 + 0.3);
    }

    [Fact]
    public void SmallSamplers_ValidateSizes()
    {
        SealPrng prng = SealPrng.CreateRandom();
        Assert.Throws<ArgumentException>(() => Sampler.Ternary(prng, s_primes, 8, new ulong[8]));
        Assert.Throws<ArgumentException>(() => Sampler.CenteredBinomial(prng, s_primes, 8, new ulong[17]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler.Ternary(prng, s_primes, -1, new ulong[0]));
    }
}
