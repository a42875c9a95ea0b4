namespace IcedServerless.Ckks.Ring;

public sealed partial class NttTables
{
    /// <summary>Transforms a polynomial in place: natural-order coefficients in, bit-reversed evaluations out.</summary>
    /// <param name="values">N coefficients, each in <c>[0, 4q)</c> (normally <c>[0, q)</c>); replaced by N values in
    /// <c>[0, q)</c>.</param>
    /// <exception cref="ArgumentException">The span length is not N.</exception>
    public void Forward(Span<ulong> values)
    {
        CheckLength(values.Length, nameof(values));
        ForwardCore(values, UsesVectorPath);
    }

    /// <summary>The forward transform on the scalar path whatever the processor (lets tests compare both paths).</summary>
    internal void ForwardScalar(Span<ulong> values)
    {
        CheckLength(values.Length, nameof(values));
        ForwardCore(values, vector: false);
    }

    private unsafe void ForwardCore(Span<ulong> values, bool vector)
    {
        var q = Modulus.Value;
        fixed (ulong* a = values)
        fixed (ulong* roots = _forwardRoots)
        fixed (ulong* shoup = _forwardShoup)
        {
            // Cooley-Tukey from one group of gap N/2 down to N/2 groups of gap 1.
            var gap = N >> 1;
            var m = 1;
            if (vector)
            {
                for (; gap >= 8; m <<= 1, gap >>= 1)
                {
                    VectorStage<CooleyTukey>(a, roots, shoup, m, gap, q);
                }

                VectorShortStage<CooleyTukey>(a, roots, shoup, m, 4, q, reduce: false);
                VectorShortStage<CooleyTukey>(a, roots, shoup, 2 * m, 2, q, reduce: false);
                VectorShortStage<CooleyTukey>(a, roots, shoup, 4 * m, 1, q, reduce: true);
                return;
            }

            for (; gap >= 4; m <<= 1, gap >>= 1)
            {
                Stage<CooleyTukey>(a, roots, shoup, m, gap, q);
            }

            if (gap == 2)
            {
                StageGap2<CooleyTukey>(a, roots, shoup, m, q);
                m <<= 1;
            }

            ForwardLastStageReduced(a, roots, shoup, m, q);
        }
    }

    /// <summary>The gap-1 stage that also brings both outputs from [0, 4q) down to [0, q), saving a separate pass.</summary>
    private static unsafe void ForwardLastStageReduced(ulong* a, ulong* roots, ulong* shoup, int m, ulong q)
    {
        var twoQ = q << 1;
        var x = a;
        for (var k = m; k < 2 * m; k++, x += 2)
        {
            var u = WordMath.SubtractIfAtLeast(x[0], twoQ);
            var v = Modulus.MultiplyShoupLazy(x[1], roots[k], shoup[k], q);
            x[0] = WordMath.SubtractIfAtLeast(WordMath.SubtractIfAtLeast(u + v, twoQ), q);
            x[1] = WordMath.SubtractIfAtLeast(WordMath.SubtractIfAtLeast(u - v + twoQ, twoQ), q);
        }
    }
}
