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
        ForwardCore(values, lazy: false);
    }

    /// <summary>The forward transform leaving outputs in <c>[0, 4q)</c>, for callers that reduce anyway.</summary>
    internal void ForwardLazy(Span<ulong> values)
    {
        CheckLength(values.Length, nameof(values));
        ForwardCore(values, lazy: true);
    }

    private unsafe void ForwardCore(Span<ulong> values, bool lazy)
    {
        var q = Modulus.Value;
        fixed (ulong* a = values)
        fixed (ulong* twiddles = _forwardTwiddles)
        {
            // Cooley-Tukey from one group of gap N/2 down to N/2 groups of gap 1.
            var gap = N >> 1;
            var m = 1;
            for (; gap >= 4; m <<= 1, gap >>= 1)
            {
                Stage<CooleyTukey>(a, twiddles, m, gap, q);
            }

            if (gap == 2)
            {
                StageGap2<CooleyTukey>(a, twiddles, m, q);
                m <<= 1;
            }

            if (lazy)
            {
                StageGap1<CooleyTukey>(a, twiddles, m, q);
            }
            else
            {
                ForwardLastStageReduced(a, twiddles, m, q);
            }
        }
    }

    /// <summary>The gap-1 stage that also brings both outputs from [0, 4q) down to [0, q), saving a separate pass.</summary>
    private static unsafe void ForwardLastStageReduced(ulong* a, ulong* twiddles, int m, ulong q)
    {
        var twoQ = q << 1;
        var twiddle = twiddles + 2 * m;
        var end = a + 2 * m;
        for (var x = a; x < end; x += 2, twiddle += 2)
        {
            var u = WordMath.SubtractIfAtLeast(x[0], twoQ);
            var v = Modulus.MultiplyShoupLazy(x[1], twiddle[0], twiddle[1], q);
            x[0] = WordMath.SubtractIfAtLeast(WordMath.SubtractIfAtLeast(u + v, twoQ), q);
            x[1] = WordMath.SubtractIfAtLeast(WordMath.SubtractIfAtLeast(u - v + twoQ, twoQ), q);
        }
    }
}
