using System.Runtime.CompilerServices;

namespace IcedServerless.Ckks.Ring;

public sealed partial class NttTables
{
    /// <summary>One radix-2 butterfly on the pair (x, y) with twiddle w; a struct so stage loops specialise per kind.</summary>
    private interface IButterfly
    {
        static abstract unsafe void Apply(ulong* x, ulong* y, ulong w, ulong wShoup, ulong q, ulong twoQ);
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
    }

    // Each stage shape is its own small method so the JIT keeps the loop state in registers. Group b of a stage with
    // m groups covers 2*gap values and uses the twiddle pair at index m + b.

    private static unsafe void Stage<TButterfly>(ulong* a, ulong* twiddles, int m, int gap, ulong q)
        where TButterfly : IButterfly
    {
        var twoQ = q << 1;
        var twiddle = twiddles + 2 * m;
        var x = a;
        for (var b = 0; b < m; b++, twiddle += 2)
        {
            var w = twiddle[0];
            var wShoup = twiddle[1];
            var y = x + gap;
            for (var end = y; x < end; x += 2, y += 2)
            {
                TButterfly.Apply(x, y, w, wShoup, q, twoQ);
                TButterfly.Apply(x + 1, y + 1, w, wShoup, q, twoQ);
            }

            x = y;
        }
    }

    private static unsafe void StageGap2<TButterfly>(ulong* a, ulong* twiddles, int m, ulong q)
        where TButterfly : IButterfly
    {
        var twoQ = q << 1;
        var twiddle = twiddles + 2 * m;
        var end = a + 4 * m;
        for (var x = a; x < end; x += 4, twiddle += 2)
        {
            var w = twiddle[0];
            var wShoup = twiddle[1];
            TButterfly.Apply(x, x + 2, w, wShoup, q, twoQ);
            TButterfly.Apply(x + 1, x + 3, w, wShoup, q, twoQ);
        }
    }

    private static unsafe void StageGap1<TButterfly>(ulong* a, ulong* twiddles, int m, ulong q)
        where TButterfly : IButterfly
    {
        var twoQ = q << 1;
        var twiddle = twiddles + 2 * m;
        var end = a + 2 * m;
        for (var x = a; x < end; x += 2, twiddle += 2)
        {
            TButterfly.Apply(x, x + 1, twiddle[0], twiddle[1], q, twoQ);
        }
    }
}
