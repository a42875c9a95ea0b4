using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace IcedServerless.Ckks.Ring;

public sealed partial class NttTables
{
    /// <summary>The smallest N the vector path handles: its short stages work on blocks of 16 values.</summary>
    private const int VectorMinimumN = 16;

    // Lane shuffles for the stages whose gap (1, 2 or 4) is narrower than a vector, indexed by gap.
    private static readonly ShortGapLayout?[] s_shortGapLayouts = [null, new(1), new(2), null, new(4)];

    /// <summary>Whether <see cref="Forward"/> and <see cref="Inverse"/> take the AVX-512 path for this N.</summary>
    internal bool UsesVectorPath => VectorMath.IsSupported && N >= VectorMinimumN;

    /// <summary>
    /// How a block of 16 consecutive values splits into the eight x lanes and eight y lanes of a short-gap stage and
    /// back. Butterfly l belongs to group l / gap of the block and pairs positions 2*gap*(l/gap) + l%gap and that
    /// plus gap. Gather and scatter indices address two vectors: index bit 3 selects the second one.
    /// </summary>
    private sealed class ShortGapLayout
    {
        public ShortGapLayout(int gap)
        {
            Span<ulong> x = stackalloc ulong[8];
            Span<ulong> y = stackalloc ulong[8];
            Span<ulong> twiddle = stackalloc ulong[8];
            Span<ulong> scatter = stackalloc ulong[16];
            for (var lane = 0; lane < 8; lane++)
            {
                var position = 2 * gap * (lane / gap) + lane % gap;
                x[lane] = (ulong)position;
                y[lane] = (ulong)(position + gap);
                twiddle[lane] = (ulong)(lane / gap);
                scatter[position] = (ulong)lane;
                scatter[position + gap] = (ulong)(lane + 8);
            }

            GatherX = Vector512.Create<ulong>(x);
            GatherY = Vector512.Create<ulong>(y);
            Twiddle = Vector512.Create<ulong>(twiddle);
            ScatterLow = Vector512.Create<ulong>(scatter[..8]);
            ScatterHigh = Vector512.Create<ulong>(scatter[8..]);
        }

        public Vector512<ulong> GatherX { get; }

        public Vector512<ulong> GatherY { get; }

        public Vector512<ulong> Twiddle { get; }

        public Vector512<ulong> ScatterLow { get; }

        public Vector512<ulong> ScatterHigh { get; }
    }

    /// <summary>A stage with gap of at least 8: each group is whole vectors sharing one broadcast twiddle.</summary>
    private static unsafe void VectorStage<TButterfly>(ulong* a, ulong* roots, ulong* shoup, int m, int gap, ulong q)
        where TButterfly : IButterfly
    {
        var qv = Vector512.Create(q);
        var twoQ = qv + qv;
        var x = a;
        for (var k = m; k < 2 * m; k++)
        {
            var w = Vector512.Create(roots[k]);
            var wShoup = Vector512.Create(shoup[k]);
            var y = x + gap;
            for (var end = y; x < end; x += 8, y += 8)
            {
                var vx = Vector512.Load(x);
                var vy = Vector512.Load(y);
                TButterfly.Apply(ref vx, ref vy, w, wShoup, qv, twoQ);
                vx.Store(x);
                vy.Store(y);
            }

            x = y;
        }
    }

    /// <summary>
    /// A stage with gap 1, 2 or 4, on blocks of 16 values holding 8 / gap whole groups. With
    /// <paramref name="reduce"/> the outputs are also brought from [0, 4q) to [0, q) (the forward transform's end).
    /// </summary>
    private static unsafe void VectorShortStage<TButterfly>(ulong* a, ulong* roots, ulong* shoup, int m, int gap, ulong q, bool reduce)
        where TButterfly : IButterfly
    {
        var layout = s_shortGapLayouts[gap]!;
        var gatherX = layout.GatherX;
        var gatherY = layout.GatherY;
        var twiddle = layout.Twiddle;
        var scatterLow = layout.ScatterLow;
        var scatterHigh = layout.ScatterHigh;
        var qv = Vector512.Create(q);
        var twoQ = qv + qv;
        var groupsPerBlock = 8 / gap;

        // The twiddle loads read 8 entries from k; k + 7 < N holds for every block because m * 2 * gap = N.
        var end = a + 2 * m * gap;
        var k = m;
        for (var p = a; p < end; p += 16, k += groupsPerBlock)
        {
            var low = Vector512.Load(p);
            var high = Vector512.Load(p + 8);
            var x = Avx512F.PermuteVar8x64x2(low, gatherX, high);
            var y = Avx512F.PermuteVar8x64x2(low, gatherY, high);
            var w = Avx512F.PermuteVar8x64(Vector512.Load(roots + k), twiddle);
            var wShoup = Avx512F.PermuteVar8x64(Vector512.Load(shoup + k), twiddle);
            TButterfly.Apply(ref x, ref y, w, wShoup, qv, twoQ);
            if (reduce)
            {
                x = VectorMath.SubtractIfAtLeast(VectorMath.SubtractIfAtLeast(x, twoQ), qv);
                y = VectorMath.SubtractIfAtLeast(VectorMath.SubtractIfAtLeast(y, twoQ), qv);
            }

            Avx512F.PermuteVar8x64x2(x, scatterLow, y).Store(p);
            Avx512F.PermuteVar8x64x2(x, scatterHigh, y).Store(p + 8);
        }
    }

    /// <summary>The inverse transform's last stage (one group, gap N/2 &gt;= 8) with N^-1 folded in.</summary>
    private unsafe void VectorInverseLastStage(ulong* a, int gap, ulong q)
    {
        var qv = Vector512.Create(q);
        var twoQ = qv + qv;
        var nInverse = Vector512.Create(_nInverse);
        var nInverseShoup = Vector512.Create(_nInverseShoup);
        var wn = Vector512.Create(_lastTwiddleTimesNInverse);
        var wnShoup = Vector512.Create(_lastTwiddleTimesNInverseShoup);
        var y = a + gap;
        for (var x = a; x < a + gap; x += 8, y += 8)
        {
            var u = Vector512.Load(x);
            var v = Vector512.Load(y);
            VectorMath.SubtractIfAtLeast(VectorMath.MultiplyShoupLazy(u + v, nInverse, nInverseShoup, qv), qv).Store(x);
            VectorMath.SubtractIfAtLeast(VectorMath.MultiplyShoupLazy(u - v + twoQ, wn, wnShoup, qv), qv).Store(y);
        }
    }
}
