using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace IcedServerless.Ckks;

/// <summary>
/// SEAL's FFT-like transforms of the encoder, bit-for-bit: the same butterflies on the same doubles in the same order
/// of operations per element. Butterflies of one group are independent, so groups of four or more pairs run four
/// lanes at a time; each lane performs exactly the scalar operations (separate multiplies and adds, never fused), so
/// the results do not change.
/// </summary>
public sealed partial class CkksEncoder
{
    /// <summary>SEAL's inverse FFT-like transform (Gentleman–Sande, bit-reversed in) with the final scaling f.</summary>
    private void InverseTransform(double[] re, double[] im, double f)
    {
        var gap = 1;
        var t = 0;
        for (var m = _n / 2; m >= 2; m >>= 1)
        {
            for (var b = 0; b < m; b++)
            {
                t++;
                Butterflies<GentlemanSandeButterfly>(re, im, b * 2 * gap, gap, _encodeRe[t], _encodeIm[t], 1.0);
            }

            gap <<= 1;
        }

        // The last stage folds in f: the sums are scaled by f and the twiddle is premultiplied by it.
        t++;
        Butterflies<GentlemanSandeButterfly>(re, im, 0, gap, _encodeRe[t] * f, _encodeIm[t] * f, f);
    }

    /// <summary>SEAL's forward FFT-like transform (Cooley–Tukey, natural in, bit-reversed out).</summary>
    private void ForwardTransform(double[] re, double[] im)
    {
        var gap = _n / 2;
        var t = 0;
        for (var m = 1; m <= _n / 2; m <<= 1)
        {
            for (var b = 0; b < m; b++)
            {
                t++;
                Butterflies<CooleyTukeyButterfly>(re, im, b * 2 * gap, gap, _decodeRe[t], _decodeIm[t], 1.0);
            }

            gap >>= 1;
        }
    }

    /// <summary>One complex butterfly on the pair (j, j + gap), in a four-lane and a scalar form that compute the same.</summary>
    private interface IFftButterfly
    {
        static abstract void Apply(ref Vector256<double> ur, ref Vector256<double> ui, ref Vector256<double> wr, ref Vector256<double> wi,
            Vector256<double> rr, Vector256<double> ri, Vector256<double> scale);

        static abstract void Apply(ref double ur, ref double ui, ref double wr, ref double wi, double rr, double ri, double scale);
    }

    /// <summary>u, w become (u + w)·scale and (u − w)·r; a scale of 1 leaves the sum exactly as it is.</summary>
    private readonly struct GentlemanSandeButterfly : IFftButterfly
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(ref Vector256<double> ur, ref Vector256<double> ui, ref Vector256<double> wr, ref Vector256<double> wi,
            Vector256<double> rr, Vector256<double> ri, Vector256<double> scale)
        {
            Vector256<double> dr = ur - wr, di = ui - wi;
            (ur, ui) = ((ur + wr) * scale, (ui + wi) * scale);
            (wr, wi) = ((dr * rr) - (di * ri), (dr * ri) + (di * rr));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(ref double ur, ref double ui, ref double wr, ref double wi, double rr, double ri, double scale)
        {
            double dr = ur - wr, di = ui - wi;
            (ur, ui) = ((ur + wr) * scale, (ui + wi) * scale);
            (wr, wi) = ((dr * rr) - (di * ri), (dr * ri) + (di * rr));
        }
    }

    /// <summary>u, w become u + w·r and u − w·r (the scale is unused).</summary>
    private readonly struct CooleyTukeyButterfly : IFftButterfly
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(ref Vector256<double> ur, ref Vector256<double> ui, ref Vector256<double> wr, ref Vector256<double> wi,
            Vector256<double> rr, Vector256<double> ri, Vector256<double> scale)
        {
            Vector256<double> pr = (wr * rr) - (wi * ri), pi = (wr * ri) + (wi * rr);
            (wr, wi) = (ur - pr, ui - pi);
            (ur, ui) = (ur + pr, ui + pi);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(ref double ur, ref double ui, ref double wr, ref double wi, double rr, double ri, double scale)
        {
            double pr = (wr * rr) - (wi * ri), pi = (wr * ri) + (wi * rr);
            (wr, wi) = (ur - pr, ui - pi);
            (ur, ui) = (ur + pr, ui + pi);
        }
    }

    /// <summary>One group of a stage: the pairs (j, j + gap) for j in [start, start + gap), with twiddle r.</summary>
    private static void Butterflies<TButterfly>(double[] re, double[] im, int start, int gap, double rr, double ri, double scale)
        where TButterfly : IFftButterfly
    {
        Debug.Assert(start + (2 * gap) <= Math.Min(re.Length, im.Length), "the group lies inside the arrays");
        var end = start + gap;
        if (Vector256.IsHardwareAccelerated && gap >= Vector256<double>.Count)
        {
            ref var r = ref MemoryMarshal.GetArrayDataReference(re);
            ref var i = ref MemoryMarshal.GetArrayDataReference(im);
            Vector256<double> vrr = Vector256.Create(rr), vri = Vector256.Create(ri), vs = Vector256.Create(scale);
            for (var j = start; j < end; j += Vector256<double>.Count)
            {
                var x = (nuint)j;
                var y = (nuint)(j + gap);
                Vector256<double> ur = Vector256.LoadUnsafe(ref r, x), ui = Vector256.LoadUnsafe(ref i, x);
                Vector256<double> wr = Vector256.LoadUnsafe(ref r, y), wi = Vector256.LoadUnsafe(ref i, y);
                TButterfly.Apply(ref ur, ref ui, ref wr, ref wi, vrr, vri, vs);
                ur.StoreUnsafe(ref r, x);
                ui.StoreUnsafe(ref i, x);
                wr.StoreUnsafe(ref r, y);
                wi.StoreUnsafe(ref i, y);
            }

            return;
        }

        for (var j = start; j < end; j++)
        {
            TButterfly.Apply(ref re[j], ref im[j], ref re[j + gap], ref im[j + gap], rr, ri, scale);
        }
    }
}
