using System.Numerics;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks.Tests.Ring;

public class ModulusTests
{
    // Primes of every size the engine meets plus the extremes: 2, 2^61 - 1 (the largest value allowed, a Mersenne
    // prime), and non-primes (a power of two and an odd composite), which Barrett reduction must handle too.
    public static TheoryData<ulong> Moduli => new()
    {
        2, 3, 65537, 1099510890497, 1152921504606748673, 1152921504606830593,
        (1UL << 61) - 1, 1UL << 40, 1UL << 60, 999_999_999_989UL * 3,
    };

    private static readonly ulong[] s_edgeWords = [0, 1, 2, (1UL << 61) - 1, 1UL << 61, (1UL << 62) + 5, ulong.MaxValue - 1, ulong.MaxValue];

    private static IEnumerable<ulong> Operands(ulong q, Random random)
    {
        yield return 0;
        yield return 1 % q;
        yield return q - 1;
        yield return q / 2;
        for (var i = 0; i < 200; i++)
        {
            yield return (ulong)random.NextInt64(0, (long)q);
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Arithmetic_MatchesBigInteger(ulong value)
    {
        var q = new Modulus(value);
        var random = new Random(unchecked((int)value));
        var operands = Operands(value, random).ToArray();
        var partners = Operands(value, random).Reverse().ToArray();
        for (var i = 0; i < operands.Length; i++)
        {
            var a = operands[i];
            var b = partners[i];
            Assert.Equal(Reference.Mod((BigInteger)a * b, value), q.Multiply(a, b));
            Assert.Equal(Reference.Mod((BigInteger)a + b, value), q.Add(a, b));
            Assert.Equal(Reference.Mod((BigInteger)a - b, value), q.Sub(a, b));
            Assert.Equal(Reference.Mod(-(BigInteger)a, value), q.Negate(a));
        }
    }

    [Fact]
    public void Multiply_SmallModuli_Exhaustive()
    {
        // Every pair of residues for every modulus up to 70 (powers of two included), where the product reduction's
        // shift is smallest.
        for (ulong value = 2; value <= 70; value++)
        {
            var q = new Modulus(value);
            for (ulong a = 0; a < value; a++)
            {
                for (ulong b = 0; b < value; b++)
                {
                    Assert.Equal(a * b % value, q.Multiply(a, b));
                }
            }
        }
    }

    [Fact]
    public void Multiply_EveryBitSize_ExtremeOperands()
    {
        // For each size k in [2, 61]: the smallest and largest k-bit moduli and a random one, with operands at the top.
        var random = new Random(29);
        for (var k = 2; k <= 61; k++)
        {
            var low = 1UL << (k - 1);
            var high = k == 61 ? Modulus.MaxValueExclusive - 1 : (1UL << k) - 1;
            foreach (var value in new[] { low, low + 1, high, low + (ulong)random.NextInt64(0, (long)(high - low)) })
            {
                var q = new Modulus(value);
                foreach (var a in new ulong[] { value - 1, value - 2, value / 2, 1 })
                {
                    var b = (ulong)random.NextInt64(0, (long)value);
                    Assert.Equal(Reference.Mod((BigInteger)a * (value - 1), value), q.Multiply(a, value - 1));
                    Assert.Equal(Reference.Mod((BigInteger)a * b, value), q.Multiply(a, b));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Reduce_AnyWord_MatchesBigInteger(ulong value)
    {
        var q = new Modulus(value);
        var random = new Random(7);
        var words = s_edgeWords.Concat(Enumerable.Range(0, 300).Select(_ => (ulong)random.NextInt64() * 2 + (ulong)random.Next(2)));
        foreach (var x in words)
        {
            Assert.Equal(x % value, q.Reduce(x));
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Reduce_Any128BitValue_MatchesBigInteger(ulong value)
    {
        var q = new Modulus(value);
        var random = new Random(11);
        var wide = new List<UInt128> { 0, UInt128.MaxValue, UInt128.MaxValue - 1, (UInt128)value * value, ((UInt128)value << 64) - 1 };
        foreach (var high in s_edgeWords)
        {
            foreach (var low in s_edgeWords)
            {
                wide.Add(new UInt128(high, low));
            }
        }

        for (var i = 0; i < 300; i++)
        {
            wide.Add(new UInt128((ulong)random.NextInt64() << 1, (ulong)random.NextInt64() << 1 | 1));
        }

        foreach (var x in wide)
        {
            Assert.Equal((ulong)(x % value), q.Reduce(x));
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Pow_MatchesBigIntegerModPow(ulong value)
    {
        var q = new Modulus(value);
        var random = new Random(3);
        Assert.Equal(1 % value, q.Pow(0, 0));
        Assert.Equal(1 % value, q.Pow(value - 1, 0));
        for (var i = 0; i < 50; i++)
        {
            var b = (ulong)random.NextInt64();
            var e = (ulong)random.NextInt64();
            Assert.Equal((ulong)BigInteger.ModPow(b, e, value), q.Pow(b, e));
        }
    }

    [Theory]
    [InlineData(1152921504606748673UL)]
    [InlineData(1099510890497UL)]
    [InlineData((1UL << 61) - 1)]
    [InlineData(3UL)]
    public void Inverse_OfEveryTestedUnit_MultipliesToOne(ulong value)
    {
        var q = new Modulus(value);
        var random = new Random(5);
        foreach (var a in Operands(value, random).Where(a => a != 0))
        {
            var inverse = q.Inverse(a);
            Assert.True(inverse < value);
            Assert.Equal(1UL, q.Multiply(a, inverse));
        }

        // A value above q is reduced first.
        Assert.Equal(q.Inverse(2), q.Inverse(value + 2));
    }

    [Fact]
    public void Inverse_NotCoprime_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new Modulus(1152921504606748673).Inverse(0));
        Assert.Throws<ArgumentException>(() => new Modulus(1UL << 40).Inverse(6));
        Assert.Throws<ArgumentException>(() => new Modulus(999_999_999_989UL * 3).Inverse(999_999_999_989UL));
        Assert.False(new Modulus(15).TryInverse(10, out var none));
        Assert.Equal(0UL, none);

        // A composite modulus still inverts its units.
        var powerOfTwo = new Modulus(1UL << 40);
        Assert.Equal(1UL, powerOfTwo.Multiply(7, powerOfTwo.Inverse(7)));
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Shoup_PrecomputeAndMultiply_MatchBigInteger(ulong value)
    {
        var q = new Modulus(value);
        var random = new Random(13);
        var constants = Operands(value, random).Take(40).ToArray();
        foreach (var w in constants)
        {
            var wShoup = q.ShoupPrecompute(w);
            Assert.Equal((ulong)(((BigInteger)w << 64) / value), wShoup);

            // Any 64-bit multiplicand is supported, not only reduced ones.
            foreach (var x in s_edgeWords.Concat(Operands(value, random).Take(30)))
            {
                Assert.Equal(Reference.Mod((BigInteger)x * w, value), q.MultiplyShoup(x, w, wShoup));
            }
        }
    }

    [Fact]
    public void ShoupPrecompute_ConstantNotReduced_Throws()
    {
        var q = new Modulus(65537);
        Assert.Throws<ArgumentOutOfRangeException>(() => q.ShoupPrecompute(65537));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(1UL << 61)]
    [InlineData(ulong.MaxValue)]
    public void Constructor_OutOfRange_Throws(ulong value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Modulus(value));
    }

    [Theory]
    [InlineData(2UL, 2)]
    [InlineData(3UL, 2)]
    [InlineData(1099510890497UL, 40)]
    [InlineData(1152921504606748673UL, 60)]
    [InlineData((1UL << 61) - 1, 61)]
    public void BitCount_IsSignificantBits(ulong value, int bits)
    {
        Assert.Equal(bits, new Modulus(value).BitCount);
        Assert.Equal(value, new Modulus(value).Value);
    }

    [Fact]
    public void Equality_IsByValue()
    {
        var a = new Modulus(1099510890497);
        var b = new Modulus(1099510890497);
        var c = new Modulus(1099511480321);
        Assert.True(a == b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.Equal("1099510890497", a.ToString());
    }
}
