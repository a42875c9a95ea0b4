using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks.Tests.Infrastructure;

/// <summary>
/// Compares two encodings of the same values. SEAL's encoder is deterministic, but it rounds doubles computed with the
/// platform's cos/sin: node-seal (WebAssembly, musl-derived libm) and .NET on glibc can differ in the last bit of a
/// root, which very rarely flips the rounding of one coefficient. So: byte-identical, or else every coefficient
/// (before the NTT) differs by at most ±1 in the integer domain, consistently across primes, and only rarely.
/// </summary>
internal static class EncodingComparer
{
    /// <summary>Returns how many coefficients differ (0 when byte-identical); fails on anything but rare ±1.</summary>
    public static int AssertSameEncoding(CkksContext context, byte[] expected, Plaintext actual)
    {
        if (expected.AsSpan().SequenceEqual(actual.Save(global::IcedServerless.Ckks.Serialization.ComprModeType.None)))
        {
            return 0;
        }

        var theirs = Plaintext.Load(context, expected);
        Assert.Equal(theirs.ParmsId, actual.ParmsId);
        Assert.Equal(theirs.Scale, actual.Scale);
        var level = context.GetContextData(actual.ParmsId);
        var n = context.PolyModulusDegree;
        var diffs = new long[n];
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = new Modulus(level.CoeffModulus[j]);
            var tables = new NttTables(System.Numerics.BitOperations.Log2((uint)n), q);
            var a = theirs.Data.Slice(j * n, n).ToArray();
            var b = actual.Data.Slice(j * n, n).ToArray();
            tables.Inverse(a);
            tables.Inverse(b);
            for (var i = 0; i < n; i++)
            {
                var d = q.Sub(b[i], a[i]);
                long signed = d == 0 ? 0 : d == 1 ? 1 : d == q.Value - 1 ? -1 : long.MaxValue;
                Assert.True(signed != long.MaxValue, $"coefficient {i} differs by more than 1 modulo prime {j}");
                if (j == 0)
                {
                    diffs[i] = signed;
                }
                else
                {
                    Assert.Equal(diffs[i], signed);
                }
            }
        }

        var count = diffs.Count(d => d != 0);
        Assert.True(count <= n / 256, $"{count} of {n} coefficients differ by ±1: more than libm last-bit differences explain");
        return count;
    }
}
