using System.Numerics;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks.Tests.Ring;

public class PolyArithTests
{
    // Lengths around the vector width, so that both the vector body and the scalar tail run.
    public static TheoryData<ulong, int> Cases => new()
    {
        { 1152921504606748673, 1 },
        { 1152921504606748673, 37 },
        { 1099510890497, 64 },
        { (1UL << 61) - 1, 1027 },
        { 65537, 8 },
        { 2, 5 },
    };

    private static (ulong[] A, ulong[] B) Operands(ulong q, int length)
    {
        var random = new Random(length);
        var a = Reference.RandomResidues(random, length, q);
        var b = Reference.RandomResidues(random, length, q);

        // Force the edge residues into the mix.
        a[0] = q - 1;
        b[0] = q - 1;
        if (length > 2)
        {
            a[1] = 0;
            b[2] = 0;
        }

        return (a, b);
    }

    private static void AssertElementwise(ulong[] a, ulong[] b, ulong[] actual, ulong q, Func<BigInteger, BigInteger, BigInteger> op)
    {
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(Reference.Mod(op(a[i], b[i]), q), actual[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BinaryOperations_MatchBigInteger(ulong value, int length)
    {
        var q = new Modulus(value);
        var (a, b) = Operands(value, length);
        var result = new ulong[length];

        PolyArith.Add(a, b, result, q);
        AssertElementwise(a, b, result, value, (x, y) => x + y);
        PolyArith.Sub(a, b, result, q);
        AssertElementwise(a, b, result, value, (x, y) => x - y);
        PolyArith.Multiply(a, b, result, q);
        AssertElementwise(a, b, result, value, (x, y) => x * y);
        PolyArith.Negate(a, result, q);
        AssertElementwise(a, b, result, value, (x, _) => -x);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MultiplyAdd_AccumulatesProducts(ulong value, int length)
    {
        var q = new Modulus(value);
        var (a, b) = Operands(value, length);
        var accumulator = Reference.RandomResidues(new Random(99), length, value);
        var start = (ulong[])accumulator.Clone();
        accumulator[0] = value - 1;
        start[0] = value - 1;

        PolyArith.MultiplyAdd(a, b, accumulator, q);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(Reference.Mod((BigInteger)a[i] * b[i] + start[i], value), accumulator[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScalarOperations_MatchBigInteger(ulong value, int length)
    {
        var q = new Modulus(value);
        var (a, _) = Operands(value, length);
        var result = new ulong[length];
        foreach (var scalar in new ulong[] { 0, value - 1, value / 3 })
        {
            PolyArith.MultiplyScalar(a, scalar, result, q);
            AssertElementwise(a, a, result, value, (x, _) => x * scalar);
            PolyArith.AddScalar(a, scalar, result, q);
            AssertElementwise(a, a, result, value, (x, _) => x + scalar);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reduce_ArbitraryWords(ulong value, int length)
    {
        var random = new Random(23);
        var words = Enumerable.Range(0, length).Select(_ => (ulong)random.NextInt64() * 2 + 1).ToArray();
        words[0] = ulong.MaxValue;
        var result = new ulong[length];
        PolyArith.Reduce(words, result, new Modulus(value));
        Assert.Equal(words.Select(w => w % value), result);
    }

    [Theory]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    [InlineData(7UL)]
    [InlineData(64UL)]
    public void Products_TinyModuli_AllPairs(ulong value)
    {
        // All residue pairs, laid out so that both the vector body and the scalar tail see them.
        var pairs = (int)(value * value);
        var a = new ulong[pairs + 3];
        var b = new ulong[pairs + 3];
        for (var i = 0; i < pairs; i++)
        {
            a[i] = (ulong)i / value;
            b[i] = (ulong)i % value;
        }

        var q = new Modulus(value);
        var product = new ulong[a.Length];
        PolyArith.Multiply(a, b, product, q);
        var accumulator = b.Select(x => (value - 1 - x) % value).ToArray();
        var start = (ulong[])accumulator.Clone();
        PolyArith.MultiplyAdd(a, b, accumulator, q);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i] * b[i] % value, product[i]);
            Assert.Equal((a[i] * b[i] + start[i]) % value, accumulator[i]);
        }
    }

    [Fact]
    public void InPlace_ResultMayBeAnInput()
    {
        var q = new Modulus(1099510890497);
        var (a, b) = Operands(q.Value, 41);
        var expectedSum = new ulong[41];
        PolyArith.Add(a, b, expectedSum, q);
        var expectedProduct = new ulong[41];
        PolyArith.Multiply(a, b, expectedProduct, q);

        var left = (ulong[])a.Clone();
        PolyArith.Add(left, b, left, q);
        Assert.Equal(expectedSum, left);

        var right = (ulong[])b.Clone();
        PolyArith.Multiply(a, right, right, q);
        Assert.Equal(expectedProduct, right);

        var square = (ulong[])a.Clone();
        PolyArith.MultiplyAdd(square, square, square, q);
        for (var i = 0; i < square.Length; i++)
        {
            Assert.Equal(q.Add(q.Multiply(a[i], a[i]), a[i]), square[i]);
        }
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        var q = new Modulus(65537);
        var a = new ulong[16];
        var shortSpan = new ulong[15];
        Assert.Throws<ArgumentException>(() => PolyArith.Add(a, shortSpan, a, q));
        Assert.Throws<ArgumentException>(() => PolyArith.Sub(shortSpan, a, a, q));
        Assert.Throws<ArgumentException>(() => PolyArith.Multiply(a, a, shortSpan, q));
        Assert.Throws<ArgumentException>(() => PolyArith.MultiplyAdd(a, shortSpan, a, q));
        Assert.Throws<ArgumentException>(() => PolyArith.Negate(a, shortSpan, q));
        Assert.Throws<ArgumentException>(() => PolyArith.Reduce(shortSpan, a, q));
        Assert.Throws<ArgumentException>(() => PolyArith.MultiplyScalar(shortSpan, 1, a, q));
        Assert.Throws<ArgumentOutOfRangeException>(() => PolyArith.MultiplyScalar(a, 65537, a, q));
        Assert.Throws<ArgumentOutOfRangeException>(() => PolyArith.AddScalar(a, 65537, a, q));

        // A result shifted against its input would read values it already overwrote.
        var buffer = new ulong[32];
        Assert.Throws<ArgumentException>(() => PolyArith.Add(buffer.AsSpan(0, 16), buffer.AsSpan(0, 16), buffer.AsSpan(1, 16), q));
        Assert.Throws<ArgumentException>(() => PolyArith.Negate(buffer.AsSpan(4, 16), buffer.AsSpan(0, 16), q));
    }
}
