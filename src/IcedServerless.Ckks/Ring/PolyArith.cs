using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace IcedServerless.Ckks.Ring;

/// <summary>
/// Element-wise arithmetic on residue polynomials modulo one prime: <c>result[i] = op(a[i], b[i]) mod q</c>.
/// </summary>
/// <remarks>
/// Inputs must be in <c>[0, q)</c> (except for <see cref="Reduce"/>) and outputs are in <c>[0, q)</c>. All spans of
/// one call must have the same length, checked once per call. The result may be the very same memory as an input
/// (in-place use); a partial overlap at a different offset is rejected because it would read overwritten values.
/// With AVX-512 every operation runs eight lanes at a time, with a scalar loop for the remainder and for other
/// processors; both compute the same values.
/// </remarks>
public static partial class PolyArith
{
    /// <summary><c>result[i] = a[i] + b[i] mod q</c>.</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <param name="result">The destination; may be <paramref name="a"/> or <paramref name="b"/>.</param>
    /// <param name="q">The modulus.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the result partially overlaps an input.</exception>
    public static void Add(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, Modulus q)
    {
        CheckBinary(a, b, result);
        AssertReduced(a, q.Value);
        AssertReduced(b, q.Value);
        Apply(a, b, result, new AddKernel(q.Value));
    }

    /// <summary><c>result[i] = a[i] - b[i] mod q</c>.</summary>
    /// <param name="a">The minuend.</param>
    /// <param name="b">The subtrahend.</param>
    /// <param name="result">The destination; may be <paramref name="a"/> or <paramref name="b"/>.</param>
    /// <param name="q">The modulus.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the result partially overlaps an input.</exception>
    public static void Sub(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, Modulus q)
    {
        CheckBinary(a, b, result);
        AssertReduced(a, q.Value);
        AssertReduced(b, q.Value);
        Apply(a, b, result, new SubKernel(q.Value));
    }

    /// <summary><c>result[i] = -a[i] mod q</c> (0 stays 0).</summary>
    /// <param name="a">The operand.</param>
    /// <param name="result">The destination; may be <paramref name="a"/>.</param>
    /// <param name="q">The modulus.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the result partially overlaps the input.</exception>
    public static void Negate(ReadOnlySpan<ulong> a, Span<ulong> result, Modulus q)
    {
        CheckUnary(a, result);
        AssertReduced(a, q.Value);
        Apply(a, a, result, new NegateKernel(q.Value));
    }

    /// <summary><c>result[i] = a[i] + scalar mod q</c>.</summary>
    /// <param name="a">The operand.</param>
    /// <param name="scalar">The constant, in <c>[0, q)</c>.</param>
    /// <param name="result">The destination; may be <paramref name="a"/>.</param>
    /// <param name="q">The modulus.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the result partially overlaps the input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scalar"/> is not below q.</exception>
    public static void AddScalar(ReadOnlySpan<ulong> a, ulong scalar, Span<ulong> result, Modulus q)
    {
        CheckUnary(a, result);
        AssertReduced(a, q.Value);
        CheckScalar(scalar, q.Value);

        Apply(a, a, result, new AddScalarKernel(q.Value, scalar));
    }

    /// <summary><c>result[i] = a[i] * b[i] mod q</c> (128-bit product, Barrett reduction).</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <param name="result">The destination; may be <paramref name="a"/> or <paramref name="b"/>.</param>
    /// <param name="q">The modulus.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the result partially overlaps an input.</exception>
    public static void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, Modulus q)
    {
        CheckBinary(a, b, result);
        AssertReduced(a, q.Value);
        AssertReduced(b, q.Value);
        Apply(a, b, result, new MultiplyKernel(q.Value, q.ProductShift, q.ProductRatio));
    }

    /// <summary><c>accumulator[i] = accumulator[i] + a[i] * b[i] mod q</c>, with a single reduction per element.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="accumulator">The running sum, read and overwritten; may be <paramref name="a"/> or
    /// <paramref name="b"/>.</param>
    /// <param name="q">The modulus.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the accumulator partially overlaps an input.</exception>
    public static void MultiplyAdd(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> accumulator, Modulus q)
    {
        CheckBinary(a, b, accumulator);
        AssertReduced(a, q.Value);
        AssertReduced(b, q.Value);
        AssertReduced(accumulator, q.Value);
        MultiplyAddCore(a, b, accumulator, q);
    }

    /// <summary>
    /// The three-operand loop of <see cref="MultiplyAdd"/>: a*b + acc stays below 2^(2k), so one product reduction
    /// handles the sum.
    /// </summary>
    private static unsafe void MultiplyAddCore(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> accumulator, Modulus q)
    {
        var modulus = q.Value;
        var shift = q.ProductShift;
        var ratio = q.ProductRatio;
        var length = accumulator.Length;
        fixed (ulong* pa = a)
        fixed (ulong* pb = b)
        fixed (ulong* pr = accumulator)
        {
            var i = 0;
            if (VectorMath.IsSupported)
            {
                var qv = Vector512.Create(modulus);
                var ratioV = Vector512.Create(ratio);
                for (; i <= length - 8; i += 8)
                {
                    VectorMath.MultiplyAddReduce(Vector512.Load(pa + i), Vector512.Load(pb + i), Vector512.Load(pr + i), qv, shift, ratioV)
                        .Store(pr + i);
                }
            }

            for (; i < length; i++)
            {
                pr[i] = Modulus.MultiplyAddReduce(pa[i], pb[i], pr[i], modulus, shift, ratio);
            }
        }
    }

    /// <summary><c>result[i] = a[i] * scalar mod q</c>, using a Shoup-precomputed scalar.</summary>
    /// <param name="a">The operand.</param>
    /// <param name="scalar">The constant, in <c>[0, q)</c>.</param>
    /// <param name="result">The destination; may be <paramref name="a"/>.</param>
    /// <param name="q">The modulus.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the result partially overlaps the input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scalar"/> is not below q.</exception>
    public static void MultiplyScalar(ReadOnlySpan<ulong> a, ulong scalar, Span<ulong> result, Modulus q)
    {
        CheckUnary(a, result);
        AssertReduced(a, q.Value);
        var modulus = q.Value;
        CheckScalar(scalar, modulus);
        Apply(a, a, result, new MultiplyScalarKernel(modulus, scalar, q.ShoupPrecompute(scalar)));
    }

    /// <summary><c>result[i] = a[i] mod q</c> for arbitrary 64-bit words (for example residues of another prime).</summary>
    /// <param name="a">Any words.</param>
    /// <param name="result">The destination; may be <paramref name="a"/>.</param>
    /// <param name="q">The modulus.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the result partially overlaps the input.</exception>
    public static void Reduce(ReadOnlySpan<ulong> a, Span<ulong> result, Modulus q)
    {
        CheckUnary(a, result);
        Apply(a, a, result, new ReduceKernel(q.Value, q.RatioHigh));
    }

    /// <summary><c>result[i] = a[i] mod q</c> for signed words (two's complement bits in <paramref name="a"/>) above
    /// <c>long.MinValue</c>: the residue of the magnitude, negated for negative values.</summary>
    internal static void ReduceSigned(ReadOnlySpan<ulong> a, Span<ulong> result, Modulus q)
    {
        CheckUnary(a, result);
        Apply(a, a, result, new ReduceSignedKernel(q.Value, q.RatioHigh));
    }

    /// <summary><c>result[i] = (a[i] mod q + scalar) mod q</c> for arbitrary words a and a scalar below q, in one pass.</summary>
    internal static void ReduceThenAddScalar(ReadOnlySpan<ulong> a, ulong scalar, Span<ulong> result, Modulus q)
    {
        CheckUnary(a, result);
        CheckScalar(scalar, q.Value);
        Apply(a, a, result, new ReduceAddKernel(q.Value, q.RatioHigh, scalar));
    }

    /// <summary>
    /// One step of Garner's algorithm over a block: <c>t[i] = (t[i] + offset - digit[i]) * scalar mod q</c>, where the
    /// offset is a multiple of q at least as large as any digit (digits of another prime may exceed q) and below 2^63,
    /// so the difference is non-negative; the Shoup product reduces any 64-bit word.
    /// </summary>
    internal static void GarnerStep(Span<ulong> t, ReadOnlySpan<ulong> digit, ulong offset, ulong scalar, Modulus q)
    {
        CheckBinary(t, digit, t);
        CheckScalar(scalar, q.Value);
        Apply(t, digit, t, new GarnerKernel(q.Value, offset, scalar, q.ShoupPrecompute(scalar)));
    }

    /// <summary><c>result[i] = (a[i] - b[i]) * scalar mod q</c> in one pass; a, b and the scalar below q.</summary>
    internal static void SubThenMultiplyScalar(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, ulong scalar, Span<ulong> result, Modulus q)
    {
        CheckBinary(a, b, result);
        AssertReduced(a, q.Value);
        AssertReduced(b, q.Value);
        CheckScalar(scalar, q.Value);
        Apply(a, b, result, new SubMultiplyKernel(q.Value, scalar, q.ShoupPrecompute(scalar)));
    }

    private static void CheckScalar(ulong scalar, ulong modulus)
    {
        if (scalar >= modulus)
        {
            throw new ArgumentOutOfRangeException(nameof(scalar), scalar, $"The scalar must be below the modulus {modulus}.");
        }
    }

    private static void CheckBinary(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> result)
    {
        CheckLengths(a.Length, result.Length);
        CheckLengths(b.Length, result.Length);
        CheckAliasing(a, result);
        CheckAliasing(b, result);
    }

    private static void CheckUnary(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> result)
    {
        CheckLengths(a.Length, result.Length);
        CheckAliasing(a, result);
    }

    private static void CheckLengths(int operandLength, int resultLength)
    {
        if (operandLength != resultLength)
        {
            throw new ArgumentException(
                $"Element-wise operands must have the same length: operand has {operandLength}, result has {resultLength}.");
        }
    }

    private static void CheckAliasing(ReadOnlySpan<ulong> input, ReadOnlySpan<ulong> result)
    {
        if (input.Overlaps(result, out var offset) && offset != 0)
        {
            throw new ArgumentException(
                $"The result overlaps an input at element offset {offset}; use the same span or disjoint spans.");
        }
    }

    /// <summary>Debug builds verify the documented input range, the contract that keeps every lazy bound valid.</summary>
    [Conditional("DEBUG")]
    private static void AssertReduced(ReadOnlySpan<ulong> values, ulong modulus)
    {
        foreach (var v in values)
        {
            Debug.Assert(v < modulus, $"Residue {v} is not below its modulus {modulus}.");
        }
    }
}
