namespace IcedServerless.Ckks.Ring;

public sealed partial class NttTables
{
    /// <summary>Inverts <see cref="Forward"/> in place: bit-reversed evaluations in, natural-order coefficients out,
    /// including the factor <c>N^-1</c>.</summary>
    /// <param name="values">N values, each in <c>[0, 2q)</c> (normally <c>[0, q)</c>); replaced by N coefficients in
    /// <c>[0, q)</c>.</param>
    /// <exception cref="ArgumentException">The span length is not N.</exception>
    public unsafe void Inverse(Span<ulong> values)
    {
        CheckLength(values.Length, nameof(values));
        var q = Modulus.Value;
        fixed (ulong* a = values)
        fixed (ulong* twiddles = _inverseTwiddles)
        {
            // Gentleman-Sande, undoing the forward stages in reverse: the stage with m groups uses the inverse of the
            // forward twiddle k = m + b. Values stay in [0, 2q).
            var gap = 1;
            var m = N >> 1;
            if (m > 1)
            {
                StageGap1<GentlemanSande>(a, twiddles, m, q);
                m >>= 1;
                gap = 2;
            }

            if (m > 1)
            {
                StageGap2<GentlemanSande>(a, twiddles, m, q);
                m >>= 1;
                gap = 4;
            }

            for (; m > 1; m >>= 1, gap <<= 1)
            {
                Stage<GentlemanSande>(a, twiddles, m, gap, q);
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
