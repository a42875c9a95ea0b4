using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks.Tests.Ring;

public class NttTablesTests
{
    /// <summary>The largest prime below 2^61 that is 1 mod 2N: the top of the supported range, where lazy bounds are tightest.</summary>
    internal static ulong Largest61BitNttPrime(int n)
    {
        var step = 2UL * (ulong)n;
        for (var candidate = ((1UL << 61) - 1) / step * step + 1; ; candidate -= step)
        {
            if (Primes.IsPrime(candidate))
            {
                return candidate;
            }
        }
    }

    public static TheoryData<int, int> SmallCases()
    {
        var data = new TheoryData<int, int>();
        foreach (var logN in new[] { 1, 2, 3, 4, 5, 6 })
        {
            foreach (var bits in new[] { 20, 40, 60, 61 })
            {
                data.Add(logN, bits);
            }
        }

        return data;
    }

    private static NttTables Tables(int logN, int bits)
    {
        var n = 1 << logN;
        var q = bits == 61 ? Largest61BitNttPrime(n) : Primes.CreateCoeffModulus(n, [bits])[0];
        return new NttTables(logN, new Modulus(q));
    }

    [Theory]
    [MemberData(nameof(SmallCases))]
    public void Forward_MatchesDefinition_OnEveryPath(int logN, int bits)
    {
        var tables = Tables(logN, bits);
        var q = tables.Modulus.Value;
        var a = Reference.RandomResidues(new Random(logN * 100 + bits), tables.N, q);
        var expected = Reference.EvaluateAtBitReversedOddPowers(a, tables.Root, q);

        // The public entry point takes the vector path where the processor and N allow it; the scalar path is forced
        // separately so that both stay covered on any machine.
        var viaDefault = (ulong[])a.Clone();
        tables.Forward(viaDefault);
        Assert.Equal(expected, viaDefault);
        tables.ForwardScalar(a);
        Assert.Equal(expected, a);
    }

    [Theory]
    [InlineData(4, 61)]
    [InlineData(5, 40)]
    [InlineData(7, 60)]
    [InlineData(11, 50)]
    [InlineData(12, 40)]
    [InlineData(13, 60)]
    [InlineData(14, 61)]
    [InlineData(16, 60)]
    public void VectorAndScalarPaths_GiveIdenticalTransforms(int logN, int bits)
    {
        var tables = Tables(logN, bits);
        var q = tables.Modulus.Value;
        var input = Reference.RandomResidues(new Random(logN), tables.N, q);
        input[1] = q - 1;

        var scalar = (ulong[])input.Clone();
        var vector = (ulong[])input.Clone();
        tables.ForwardScalar(scalar);
        tables.Forward(vector);
        Assert.Equal(scalar, vector);

        tables.InverseScalar(scalar);
        tables.Inverse(vector);
        Assert.Equal(input, scalar);
        Assert.Equal(input, vector);
    }

    [Theory]
    [MemberData(nameof(SmallCases))]
    public void PointwiseProduct_IsNegacyclicConvolution(int logN, int bits)
    {
        var tables = Tables(logN, bits);
        var q = tables.Modulus;
        var random = new Random(logN * 7 + bits);
        var a = Reference.RandomResidues(random, tables.N, q.Value);
        var b = Reference.RandomResidues(random, tables.N, q.Value);
        var expected = Reference.NegacyclicProduct(a, b, q.Value);

        tables.Forward(a);
        tables.Forward(b);
        PolyArith.Multiply(a, b, a, q);
        tables.Inverse(a);
        Assert.Equal(expected, a);
    }

    [Theory]
    [InlineData(13, 0)]
    [InlineData(13, 1)]
    [InlineData(14, 0)]
    [InlineData(14, 1)]
    [InlineData(17, 0)]
    public void ForwardThenInverse_RestoresInput(int logN, int primeIndex)
    {
        var n = 1 << logN;
        var q = logN == 17 ? Largest61BitNttPrime(n) : Primes.CreateCoeffModulus(n, [60, 40])[primeIndex];
        var tables = new NttTables(logN, new Modulus(q));
        var original = Reference.RandomResidues(new Random(logN), n, q);
        original[0] = q - 1;
        original[n - 1] = 0;
        var values = (ulong[])original.Clone();

        tables.Forward(values);
        Assert.All(values, v => Assert.True(v < q));
        Assert.NotEqual(original, values);
        tables.Inverse(values);
        Assert.Equal(original, values);
    }

    [Fact]
    public void Forward_MatchesDerivedKatExample()
    {
        var example = RingTestData.DerivedKat().GetProperty("ntt_example");
        var n = example.GetProperty("N").GetInt32();
        var q = new Modulus(RingTestData.ParseUInt64(example.GetProperty("q")));
        var tables = new NttTables(13, q);
        Assert.Equal(n, tables.N);

        var values = new ulong[n];
        values[0] = 1;
        values[1] = 2;
        values[2] = 3;
        tables.Forward(values);

        var expected = example.GetProperty("output_first_8").EnumerateArray().Select(RingTestData.ParseUInt64).ToArray();
        Assert.Equal(expected, values[..8]);
    }

    [Theory]
    [InlineData(4, 20, true)]
    [InlineData(6, 61, true)]
    [InlineData(4, 20, false)]
    [InlineData(6, 61, false)]
    public void Transforms_AcceptTheirDocumentedLazyInputRange(int logN, int bits, bool forward)
    {
        // Forward accepts [0, 4q), Inverse [0, 2q): adding multiples of q within that range must not change the output.
        var tables = Tables(logN, bits);
        var q = tables.Modulus.Value;
        var bound = forward ? 4 : 2;
        var random = new Random(17);
        var reduced = Reference.RandomResidues(random, tables.N, q);
        var lazy = reduced.Select(v => v + q * (ulong)random.Next(bound)).ToArray();
        lazy[0] = reduced[0] + (ulong)(bound - 1) * q;

        Action<ulong[]> transform = forward ? v => tables.Forward(v) : v => tables.Inverse(v);
        transform(reduced);
        transform(lazy);
        Assert.Equal(reduced, lazy);
    }

    [Theory]
    [InlineData("n8192", 13, 4)]
    [InlineData("n16384", 14, 8)]
    public void SecretKey_InverseTransformInEveryPrime_IsOneTernaryPolynomial(string set, int logN, int primeCount)
    {
        var n = 1 << logN;
        var primes = set == "n8192" ? RingTestData.N8192Primes : RingTestData.N16384Primes;
        Assert.Equal(primeCount, primes.Length);
        var words = RingTestData.ReadWords($"{set}/secret_key.none.bin", RingTestData.PlaintextDataOffset, n * primeCount);

        var secret = new int[n];
        for (var j = 0; j < primeCount; j++)
        {
            var q = primes[j];
            var block = words.AsSpan(j * n, n);
            new NttTables(logN, new Modulus(q)).Inverse(block);
            for (var i = 0; i < n; i++)
            {
                var coefficient = block[i] == 0 ? 0 : block[i] == 1 ? 1 : block[i] == q - 1 ? -1 : int.MinValue;
                Assert.NotEqual(int.MinValue, coefficient);
                if (j == 0)
                {
                    secret[i] = coefficient;
                }
                else
                {
                    Assert.Equal(secret[i], coefficient);
                }
            }
        }

        // A uniform ternary secret uses all three values in roughly equal shares.
        foreach (var value in new[] { -1, 0, 1 })
        {
            Assert.InRange(secret.Count(s => s == value), n / 4, n / 2);
        }
    }

    [Fact]
    public void Properties_DescribeTheTransform()
    {
        var q = new Modulus(RingTestData.N8192Primes[1]);
        var tables = new NttTables(13, q);
        Assert.Equal(13, tables.LogN);
        Assert.Equal(8192, tables.N);
        Assert.Equal(q, tables.Modulus);
        Assert.Equal(Primes.MinimalPrimitiveRoot(16384, q), tables.Root);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        var q = new Modulus(RingTestData.N8192Primes[0]);
        Assert.Throws<ArgumentException>(() => new NttTables(0, q));
        Assert.Throws<ArgumentException>(() => new NttTables(18, q));
        Assert.Throws<ArgumentException>(() => new NttTables(13, new Modulus(1099511627791)));
        Assert.Throws<ArgumentException>(() => new NttTables(13, default));

        var tables = new NttTables(4, q);
        Assert.Throws<ArgumentException>(() => tables.Forward(new ulong[15]));
        Assert.Throws<ArgumentException>(() => tables.Inverse(new ulong[32]));
    }
}
