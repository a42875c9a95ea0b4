using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace IcedServerless.Ckks.Ring;

public sealed partial class NttTables
{
    /// <summary>
    /// One radix-2 butterfly on the pair (x, y) with twiddle w, in a scalar and an eight-lane form that compute the same
    /// thing; a struct so that each stage loop is specialised per butterfly kind.
    /// </summary>
    private interface IButterfly
    {
        static abstract unsafe void Apply(ulong* x, ulong* y, ulong w, ulong wShoup, ulong q, ulong twoQ);

        static abstract void Apply(
            ref Vector512<ulong> x, ref Vector512<ulong> y, Vector512<ulong> w, Vector512<ulong> wShoup, Vector512<ulong> q, Vector512<ulong> twoQ);
    }

    /// <summary>
    /// Harvey's lazy Cooley-Tukey butterfly: (x, y) in [0, 4q) become (x + w*y, x - w*y), both in [0, 4q).
    /// </summary>
    private readonly struct CooleyTukey : IButterfly
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe void Apply(ulong* x, ulong* y, ulong w, ulong wShoup, ulong q, ulong twoQ)
        {
            var u = WordMath.SubtractIfAtLeast(*x, twoQ);
            var v = Modulus.MultiplyShoupLazy(*y, w, wShoup, q);
            *x = u + v;
            *y = u - v + twoQ;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(
            ref Vector512<ulong> x, ref Vector512<ulong> y, Vector512<ulong> w, Vector512<ulong> wShoup, Vector512<ulong> q, Vector512<ulong> twoQ)
        {
            var u = VectorMath.SubtractIfAtLeast(x, twoQ);
            var v = VectorMath.MultiplyShoupLazy(y, w, wShoup, q);
            x = u + v;
            y = u - v + twoQ;
        }
    }

    /// <summary>
    /// Harvey's lazy Gentleman-Sande butterfly: (x, y) in [0, 2q) become (x + y, (x - y) * w), both in [0, 2q).
    /// </summary>
    private readonly struct GentlemanSande : IButterfly
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe void Apply(ulong* x, ulong* y, ulong w, ulong wShoup, ulong q, ulong twoQ)
        {
            var u = *x;
            var v = *y;
            *x = WordMath.SubtractIfAtLeast(u + v, twoQ);
            *y = Modulus.MultiplyShoupLazy(u - v + twoQ, w, wShoup, q);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(
            ref Vector512<ulong> x, ref Vector512<ulong> y, Vector512<ulong> w, Vector512<ulong> wShoup, Vector512<ulong> q, Vector512<ulong> twoQ)
        {
            var u = x;
            var v = y;
            x = VectorMath.SubtractIfAtLeast(u + v, twoQ);
            y = VectorMath.MultiplyShoupLazy(u - v + twoQ, w, wShoup, q);
        }
    }

    // Scalar stage loops. Each stage shape is its own small method so the JIT keeps the loop state in registers.
    // Group b of a stage with m groups covers 2*gap values and uses twiddle k = m + b.

    private static unsafe void Stage<TButterfly>(ulong* a, ulong* roots, ulong* shoup, int m, int gap, ulong q)
        where TButterfly : IButterfly
    {
        var twoQ = q << 1;
        var x = a;
        for (var k = m; k < 2 * m; k++)
        {
            var w = roots[k];
            var wShoup = shoup[k];
            var y = x + gap;
            for (var end = y; x < end; x += 2, y += 2)
            {
                TButterfly.Apply(x, y, w, wShoup, q, twoQ);
                TButterfly.Apply(x + 1, y + 1, w, wShoup, q, twoQ);
            }

            x = y;
        }
    }

    private static unsafe void StageGap2<TButterfly>(ulong* a, ulong* roots, ulong* shoup, int m, ulong q)
        where TButterfly : IButterfly
    {
        var twoQ = q << 1;
        var x = a;
        for (var k = m; k < 2 * m; k++, x += 4)
        {
            var w = roots[k];
            var wShoup = shoup[k];
            TButterfly.Apply(x, x + 2, w, wShoup, q, twoQ);
            TButterfly.Apply(x + 1, x + 3, w, wShoup, q, twoQ);
        }
    }

    private static unsafe void StageGap1<TButterfly>(ulong* a, ulong* roots, ulong* shoup, int m, ulong q)
        where TButterfly : IButterfly
    {
        var twoQ = q << 1;
        var x = a;
        for (var k = m; k < 2 * m; k++, x += 2)
        {
            TButterfly.Apply(x, x + 1, roots[k], shoup[k], q, twoQ);
        }
    }
}
