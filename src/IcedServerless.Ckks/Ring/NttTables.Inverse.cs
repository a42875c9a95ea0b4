namespace IcedServerless.Ckks.Ring;

public sealed partial class NttTables
{
    /// <summary>Inverts <see cref="Forward"/> in place: bit-reversed evaluations in, natural-order coefficients out,
    /// including the factor <c>N^-1</c>.</summary>
    /// <param name="values">N values, each in <c>[0, 2q)</c> (normally <c>[0, q)</c>); replaced by N coefficients in
    /// <c>[0, q)</c>.</param>
    /// <exception cref="ArgumentException">The span length is not N.</exception>
    public void Inverse(Span<ulong> values)
    {
        CheckLength(values.Length, nameof(values));
        InverseCore(values, UsesVectorPath);
    }

    /// <summary>The inverse transform on the scalar path whatever the processor (lets tests compare both paths).</summary>
    internal void InverseScalar(Span<ulong> values)
    {
        CheckLength(values.Length, nameof(values));
        InverseCore(values, vector: false);
    }

    private unsafe void InverseCore(Span<ulong> values, bool vector)
    {
        var q = Modulus.Value;
        fixed (ulong* a = values)
        fixed (ulong* roots = _inverseRoots)
        fixed (ulong* shoup = _inverseShoup)
        {
            // Gentleman-Sande, undoing the forward stages in reverse: N/2 groups of gap 1 up to one group of gap N/2,
            // the stage with m groups using the inverse of forward twiddle k = m + b. Values stay in [0, 2q).
            var m = N >> 1;
            if (vector)
            {
                VectorShortStage<GentlemanSande>(a, roots, shoup, m, 1, q, reduce: false);
                VectorShortStage<GentlemanSande>(a, roots, shoup, m >> 1, 2, q, reduce: false);
                VectorShortStage<GentlemanSande>(a, roots, shoup, m >> 2, 4, q, reduce: false);
                var wideGap = 8;
                for (m >>= 3; m > 1; m >>= 1, wideGap <<= 1)
                {
                    VectorStage<GentlemanSande>(a, roots, shoup, m, wideGap, q);
                }

                VectorInverseLastStage(a, wideGap, q);
                return;
            }

            var gap = 1;
            if (m > 1)
            {
                StageGap1<GentlemanSande>(a, roots, shoup, m, q);
                m >>= 1;
                gap = 2;
            }

            if (m > 1)
            {
                StageGap2<GentlemanSande>(a, roots, shoup, m, q);
                m >>= 1;
                gap = 4;
            }

            for (; m > 1; m >>= 1, gap <<= 1)
            {
                Stage<GentlemanSande>(a, roots, shoup, m, gap, q);
            }

            InverseLastStage(a, gap, q);
        }
    }

    /// <summary>The last stage (one group, gap N/2) folds in N^-1 and corrects to [0, q).</summary>
    private unsafe void InverseLastStage(ulong* a, int gap, ulong q)
    {
        var twoQ = q << 1;
        var nInverse = _nInverse;
        var nInverseShoup = _nInverseShoup;
        var wn = _lastTwiddleTimesNInverse;
        var wnShoup = _lastTwiddleTimesNInverseShoup;
        var y = a + gap;
        for (var x = a; x < a + gap; x++, y++)
        {
            var u = *x;
            var v = *y;
            *x = WordMath.SubtractIfAtLeast(Modulus.MultiplyShoupLazy(u + v, nInverse, nInverseShoup, q), q);
            *y = WordMath.SubtractIfAtLeast(Modulus.MultiplyShoupLazy(u - v + twoQ, wn, wnShoup, q), q);
        }
    }
}
