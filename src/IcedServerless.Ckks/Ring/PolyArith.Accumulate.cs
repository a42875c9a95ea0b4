using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace IcedServerless.Ckks.Ring;

/// <summary>Fused multiply-accumulate kernels: one pass over memory where separate operations would take two.</summary>
public static partial class PolyArith
{
    /// <summary><c>accumulator[i] = accumulator[i] + a[i] * scalar mod q</c> in one pass, using a Shoup-precomputed
    /// scalar (the inner loop of encrypted linear layers).</summary>
    /// <param name="a">The operand.</param>
    /// <param name="scalar">The constant, in <c>[0, q)</c>.</param>
    /// <param name="accumulator">The running sum, read and overwritten; may be <paramref name="a"/>.</param>
    /// <param name="q">The modulus.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the accumulator partially overlaps the operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scalar"/> is not below q.</exception>
    public static void MultiplyScalarAdd(ReadOnlySpan<ulong> a, ulong scalar, Span<ulong> accumulator, Modulus q)
    {
        CheckUnary(a, accumulator);
        AssertReduced(a, q.Value);
        AssertReduced(accumulator, q.Value);
        CheckScalar(scalar, q.Value);
        Apply(a, accumulator, accumulator, new MultiplyScalarAddKernel(q.Value, scalar, q.ShoupPrecompute(scalar)));
    }

    /// <summary><c>accumulator[i] = accumulator[i] + (a[i] - b[i]) * scalar mod q</c> in one pass; all below q.</summary>
    internal static void SubThenMultiplyScalarAdd(
        ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, ulong scalar, Span<ulong> accumulator, Modulus q)
    {
        CheckBinary(a, b, accumulator);
        AssertReduced(a, q.Value);
        AssertReduced(b, q.Value);
        AssertReduced(accumulator, q.Value);
        CheckScalar(scalar, q.Value);
        Apply3(a, b, accumulator, new SubMultiplyAddKernel(q.Value, scalar, q.ShoupPrecompute(scalar)));
    }

    /// <summary>
    /// The product of two size-2 ciphertext blocks: <c>r0 = a0 b0</c>, <c>r1 = a0 b1 + a1 b0</c>, <c>r2 = a1 b1</c>
    /// (mod q), or with <paramref name="square"/> (b = a) <c>r1 = 2 a0 a1</c>. Element-wise, every input word is read
    /// before its position is written, so r0 may be a0 or b0 and r1 may be a1 or b1 (an in-place product).
    /// </summary>
    internal static unsafe void MultiplyPairs(
        ReadOnlySpan<ulong> a0, ReadOnlySpan<ulong> a1, ReadOnlySpan<ulong> b0, ReadOnlySpan<ulong> b1,
        Span<ulong> r0, Span<ulong> r1, Span<ulong> r2, Modulus q, bool square)
    {
        CheckBinary(a0, b0, r0);
        CheckBinary(a1, b1, r1);
        CheckLengths(r2.Length, r0.Length);
        var modulus = q.Value;
        var shift = q.ProductShift;
        var ratio = q.ProductRatio;
        var length = r0.Length;
        fixed (ulong* pa0 = a0)
        fixed (ulong* pa1 = a1)
        fixed (ulong* pb0 = b0)
        fixed (ulong* pb1 = b1)
        fixed (ulong* pr0 = r0)
        fixed (ulong* pr1 = r1)
        fixed (ulong* pr2 = r2)
        {
            var i = 0;
            if (VectorMath.IsSupported)
            {
                var qv = Vector512.Create(modulus);
                var ratioV = Vector512.Create(ratio);
                for (; i <= length - 8; i += 8)
                {
                    var x0 = Vector512.Load(pa0 + i);
                    var x1 = Vector512.Load(pa1 + i);
                    var y0 = Vector512.Load(pb0 + i);
                    var y1 = Vector512.Load(pb1 + i);
                    var cross = VectorMath.MultiplyReduce(x0, y1, qv, shift, ratioV);
                    cross = square
                        ? VectorMath.SubtractIfAtLeast(cross + cross, qv)
                        : VectorMath.MultiplyAddReduce(x1, y0, cross, qv, shift, ratioV);
                    VectorMath.MultiplyReduce(x0, y0, qv, shift, ratioV).Store(pr0 + i);
                    cross.Store(pr1 + i);
                    VectorMath.MultiplyReduce(x1, y1, qv, shift, ratioV).Store(pr2 + i);
                }
            }

            for (; i < length; i++)
            {
                ulong x0 = pa0[i], x1 = pa1[i], y0 = pb0[i], y1 = pb1[i];
                var cross = Modulus.MultiplyAddReduce(x0, y1, 0, modulus, shift, ratio);
                cross = square
                    ? WordMath.SubtractIfAtLeast(cross + cross, modulus)
                    : Modulus.MultiplyAddReduce(x1, y0, cross, modulus, shift, ratio);
                pr0[i] = Modulus.MultiplyAddReduce(x0, y0, 0, modulus, shift, ratio);
                pr1[i] = cross;
                pr2[i] = Modulus.MultiplyAddReduce(x1, y1, 0, modulus, shift, ratio);
            }
        }
    }

    /// <summary>An element-wise operation of three operands (the third usually the accumulator it overwrites).</summary>
    private interface IKernel3
    {
        ulong Apply(ulong x, ulong y, ulong z);

        Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y, Vector512<ulong> z);
    }

    /// <summary>Runs a three-operand kernel, storing into the third operand.</summary>
    private static unsafe void Apply3<TKernel>(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> accumulator, TKernel kernel)
        where TKernel : struct, IKernel3
    {
        var length = accumulator.Length;
        fixed (ulong* pa = a)
        fixed (ulong* pb = b)
        fixed (ulong* pr = accumulator)
        {
            var i = 0;
            if (VectorMath.IsSupported)
            {
                for (; i <= length - 8; i += 8)
                {
                    kernel.Apply(Vector512.Load(pa + i), Vector512.Load(pb + i), Vector512.Load(pr + i)).Store(pr + i);
                }
            }

            for (; i < length; i++)
            {
                pr[i] = kernel.Apply(pa[i], pb[i], pr[i]);
            }
        }
    }

    /// <summary>y + x * scalar mod q: the lazy Shoup product is corrected to [0, q) before the addition.</summary>
    private readonly struct MultiplyScalarAddKernel(ulong q, ulong scalar, ulong scalarShoup) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) =>
            new AddKernel(q).Apply(new MultiplyScalarKernel(q, scalar, scalarShoup).Apply(x, y), y);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y) =>
            new AddKernel(q).Apply(new MultiplyScalarKernel(q, scalar, scalarShoup).Apply(x, y), y);
    }

    /// <summary>z + (x - y) * scalar mod q.</summary>
    private readonly struct SubMultiplyAddKernel(ulong q, ulong scalar, ulong scalarShoup) : IKernel3
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y, ulong z) =>
            new AddKernel(q).Apply(new SubMultiplyKernel(q, scalar, scalarShoup).Apply(x, y), z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Apply(Vector512<ulong> x, Vector512<ulong> y, Vector512<ulong> z) =>
            new AddKernel(q).Apply(new SubMultiplyKernel(q, scalar, scalarShoup).Apply(x, y), z);
    }
}
