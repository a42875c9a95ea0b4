using System.Numerics;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks.Tests.Ring;

/// <summary>The fused kernels against BigInteger arithmetic, on vector-sized and odd lengths.</summary>
public class PolyArithAccumulateTests
{
    private static ulong[] Residues(ulong q, int length, int seed)
    {
        var values = Reference.RandomResidues(new Random(seed), length, q);
        values[0] = q - 1; // the largest residue in every operand
        return values;
    }

    [Theory]
    [MemberData(nameof(PolyArithTests.Cases), MemberType = typeof(PolyArithTests))]
    public void MultiplyScalarAdd_adds_the_scaled_operand(ulong value, int length)
    {
        var q = new Modulus(value);
        var a = Residues(value, length, 1);
        var accumulator = Residues(value, length, 2);
        var start = (ulong[])accumulator.Clone();
        var scalar = value - 1;

        PolyArith.MultiplyScalarAdd(a, scalar, accumulator, q);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(Reference.Mod((BigInteger)a[i] * scalar + start[i], value), accumulator[i]);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => PolyArith.MultiplyScalarAdd(a, value, accumulator, q));
        Assert.Throws<ArgumentException>(() => PolyArith.MultiplyScalarAdd(a, 1, new ulong[length + 1], q));
    }

    [Theory]
    [MemberData(nameof(PolyArithTests.Cases), MemberType = typeof(PolyArithTests))]
    public void SubThenMultiplyScalarAdd_adds_the_scaled_difference(ulong value, int length)
    {
        var q = new Modulus(value);
        var a = Residues(value, length, 3);
        var b = Residues(value, length, 4);
        b[^1] = value - 1; // a - b negative somewhere
        var accumulator = Residues(value, length, 5);
        var start = (ulong[])accumulator.Clone();
        var scalar = value / 3;

        PolyArith.SubThenMultiplyScalarAdd(a, b, scalar, accumulator, q);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(Reference.Mod(((BigInteger)a[i] - b[i]) * scalar + start[i], value), accumulator[i]);
        }
    }

    [Theory]
    [MemberData(nameof(PolyArithTests.Cases), MemberType = typeof(PolyArithTests))]
    public void MultiplyPairs_is_the_product_of_two_size_two_ciphertexts_even_in_place(ulong value, int length)
    {
        var q = new Modulus(value);
        var a0 = Residues(value, length, 6);
        var a1 = Residues(value, length, 7);
        var b0 = Residues(value, length, 8);
        var b1 = Residues(value, length, 9);
        var (x0, x1) = ((ulong[])a0.Clone(), (ulong[])a1.Clone());
        var r2 = new ulong[length];

        // In place: the results overwrite the first operand's components.
        PolyArith.MultiplyPairs(x0, x1, b0, b1, x0, x1, r2, q, square: false);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(Reference.Mod((BigInteger)a0[i] * b0[i], value), x0[i]);
            Assert.Equal(Reference.Mod((BigInteger)a0[i] * b1[i] + (BigInteger)a1[i] * b0[i], value), x1[i]);
            Assert.Equal(Reference.Mod((BigInteger)a1[i] * b1[i], value), r2[i]);
        }

        (x0, x1) = ((ulong[])a0.Clone(), (ulong[])a1.Clone());
        PolyArith.MultiplyPairs(x0, x1, x0, x1, x0, x1, r2, q, square: true);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(Reference.Mod((BigInteger)a0[i] * a0[i], value), x0[i]);
            Assert.Equal(Reference.Mod(2 * (BigInteger)a0[i] * a1[i], value), x1[i]);
            Assert.Equal(Reference.Mod((BigInteger)a1[i] * a1[i], value), r2[i]);
        }
    }

    [Theory]
    [MemberData(nameof(PolyArithTests.Cases), MemberType = typeof(PolyArithTests))]
    public void ReduceSigned_gives_the_residue_of_signed_words(ulong value, int length)
    {
        var q = new Modulus(value);
        var random = new Random(length);
        var words = Enumerable.Range(0, length).Select(_ => random.NextInt64(long.MinValue + 1, long.MaxValue)).ToArray();
        long[] edges = [0, -1, 1, long.MaxValue, long.MinValue + 1, -(long)(value % long.MaxValue)];
        edges.AsSpan(0, Math.Min(edges.Length, length)).CopyTo(words);
        var result = new ulong[length];

        PolyArith.ReduceSigned(System.Runtime.InteropServices.MemoryMarshal.Cast<long, ulong>(words), result, q);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(Reference.Mod(words[i], value), result[i]);
        }
    }

    // Bit counts on both sides of the folding reduction's limits (k >= 33 and terms <= 2^(63-k)).
    public static TheoryData<int, int, int> WideCases => new()
    {
        { 60, 1, 37 },
        { 60, 7, 64 },
        { 60, 8, 17 },
        { 60, 9, 17 },   // more terms than folding allows for 60 bits: full Barrett
        { 40, 50, 24 },
        { 33, 100, 9 },
        { 32, 5, 16 },   // too small to fold
        { 17, 3, 8 },
        { 61, 64, 9 },   // the most terms a 128-bit sum of 61-bit products holds
    };

    [Theory]
    [MemberData(nameof(WideCases))]
    public void Wide_sums_reduce_to_the_exact_inner_product(int bits, int terms, int length)
    {
        var value = bits == 61 ? Modulus.MaxValueExclusive - 1 : Primes.CreateCoeffModulus(1024, [bits])[0];
        var q = new Modulus(value);
        var low = new ulong[length];
        var high = new ulong[length];
        var expected = new BigInteger[length];
        for (var t = 0; t < terms; t++)
        {
            var a = Residues(value, length, 10 + t);
            var b = Residues(value, length, 500 + t);
            PolyArith.MultiplyWide(a, b, low, high, accumulate: t > 0);
            for (var i = 0; i < length; i++)
            {
                expected[i] += (BigInteger)a[i] * b[i];
            }
        }

        var result = new ulong[length];
        PolyArith.ReduceWide(low, high, result, q, terms);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(Reference.Mod(expected[i], value), result[i]);
        }
    }

    [Fact]
    public void Wide_reduction_refuses_more_terms_than_128_bits_hold()
    {
        var q = new Modulus(Modulus.MaxValueExclusive - 1);
        var words = new ulong[8];
        Assert.Throws<ArgumentOutOfRangeException>(() => PolyArith.ReduceWide(words, words, new ulong[8], q, 65));
        Assert.Throws<ArgumentOutOfRangeException>(() => PolyArith.ReduceWide(words, words, new ulong[8], q, 0));
    }
}
