using System.Runtime.Intrinsics;

namespace IcedServerless.Ckks.Ring;

/// <summary>
/// Lazy inner products: sums of residue products kept as exact 128-bit values (a low and a high word array) and
/// reduced once at the end, instead of one reduction per product (key switching sums one product per digit).
/// </summary>
public static partial class PolyArith
{
    /// <summary>
    /// <c>(high[i], low[i]) (+)= a[i] * b[i]</c> as exact 128-bit values: added to the sums when
    /// <paramref name="accumulate"/> is set, else stored as the first term. The caller keeps the number of terms within
    /// what <see cref="ReduceWide"/> accepts, so the sums never wrap.
    /// </summary>
    internal static unsafe void MultiplyWide(
        ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> low, Span<ulong> high, bool accumulate)
    {
        CheckLengths(a.Length, low.Length);
        CheckLengths(b.Length, low.Length);
        CheckLengths(high.Length, low.Length);
        var length = low.Length;
        fixed (ulong* pa = a)
        fixed (ulong* pb = b)
        fixed (ulong* pl = low)
        fixed (ulong* ph = high)
        {
            var i = 0;
            if (VectorMath.IsSupported)
            {
                for (; i <= length - 8; i += 8)
                {
                    var x = Vector512.Load(pa + i);
                    var y = Vector512.Load(pb + i);
                    var productLow = x * y;
                    var productHigh = VectorMath.MulHigh(x, y);
                    if (accumulate)
                    {
                        var sum = productLow + Vector512.Load(pl + i);

                        // An all-ones compare lane is -1, so subtracting it adds the carry of the low-word sum.
                        productHigh = productHigh + Vector512.Load(ph + i) - Vector512.LessThan(sum, productLow);
                        productLow = sum;
                    }

                    productLow.Store(pl + i);
                    productHigh.Store(ph + i);
                }
            }

            for (; i < length; i++)
            {
                var x = pa[i];
                var y = pb[i];
                var productLow = x * y;
                var productHigh = WordMath.MulHigh(x, y);
                if (accumulate)
                {
                    var sum = productLow + pl[i];
                    productHigh += ph[i] + (sum < productLow ? 1UL : 0UL);
                    productLow = sum;
                }

                pl[i] = productLow;
                ph[i] = productHigh;
            }
        }
    }

    /// <summary>
    /// <c>result[i] = (high[i] * 2^64 + low[i]) mod q</c> for sums of at most <paramref name="terms"/> products of
    /// residues below q.
    /// </summary>
    /// <remarks>
    /// With k = q's bit count, a sum S &lt; terms·q² has a high word below terms·q²/2^64, so folding it back as
    /// <c>high · (2^64 mod q) + low</c> gives a congruent value below terms·q³/2^64 + 2^64. For k ≥ 33 and
    /// terms ≤ 2^(63−k) that is below 2^(2k), which <see cref="Modulus.ReduceProduct"/> finishes with one more high
    /// product: two in all, against three for a full 128-bit Barrett reduction, which serves the other cases.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">So many terms that the 128-bit sums could wrap.</exception>
    internal static unsafe void ReduceWide(ReadOnlySpan<ulong> low, ReadOnlySpan<ulong> high, Span<ulong> result, Modulus q, int terms)
    {
        CheckLengths(low.Length, result.Length);
        CheckLengths(high.Length, result.Length);
        var bits = q.BitCount;
        if (terms < 1 || terms > MaxWideTerms(bits))
        {
            throw new ArgumentOutOfRangeException(nameof(terms), terms, $"A 128-bit sum of {bits}-bit products holds at most {MaxWideTerms(bits)} terms.");
        }

        var length = result.Length;
        var i = 0;
        fixed (ulong* pl = low)
        fixed (ulong* ph = high)
        fixed (ulong* pr = result)
        {
            if (bits < 33 || terms > 1L << (63 - bits))
            {
                for (; i < length; i++)
                {
                    pr[i] = q.Reduce(((UInt128)ph[i] << 64) | pl[i]);
                }

                return;
            }

            var modulus = q.Value;
            var shift = q.ProductShift;
            var ratio = q.ProductRatio;
            var fold = 0UL - (modulus * q.RatioHigh); // 2^64 mod q
            if (VectorMath.IsSupported)
            {
                var qv = Vector512.Create(modulus);
                var ratioV = Vector512.Create(ratio);
                var foldV = Vector512.Create(fold);
                // high * fold + low, with low any word: the helper's add-with-carry is exact for any addend.
                for (; i <= length - 8; i += 8)
                {
                    VectorMath.MultiplyAddReduce(Vector512.Load(ph + i), foldV, Vector512.Load(pl + i), qv, shift, ratioV).Store(pr + i);
                }
            }

            for (; i < length; i++)
            {
                pr[i] = Modulus.MultiplyAddReduce(ph[i], fold, pl[i], modulus, shift, ratio);
            }
        }
    }

    /// <summary>The most products of k-bit residues whose sum surely fits 128 bits: 2^(128 − 2k), capped.</summary>
    internal static int MaxWideTerms(int bits) => 1 << Math.Min(30, 128 - (2 * bits));
}
