using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace IcedServerless.Ckks.Ring;

public static partial class PolyArith
{
    /// <summary>
    /// An element-wise operation in a scalar and a vector form that compute the same thing. Unary kernels ignore
    /// their second operand.
    /// </summary>
    private interface IKernel
    {
        ulong Apply(ulong x, ulong y);

        Vector<ulong> Apply(Vector<ulong> x, Vector<ulong> y);
    }

    /// <summary>Runs a kernel over whole vectors, then over the scalar tail.</summary>
    private static void Apply<TKernel>(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, TKernel kernel)
        where TKernel : struct, IKernel
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && result.Length >= Vector<ulong>.Count)
        {
            var av = MemoryMarshal.Cast<ulong, Vector<ulong>>(a);
            var bv = MemoryMarshal.Cast<ulong, Vector<ulong>>(b);
            var rv = MemoryMarshal.Cast<ulong, Vector<ulong>>(result);
            for (var k = 0; k < rv.Length; k++)
            {
                rv[k] = kernel.Apply(av[k], bv[k]);
            }

            i = rv.Length * Vector<ulong>.Count;
        }

        for (; i < result.Length; i++)
        {
            result[i] = kernel.Apply(a[i], b[i]);
        }
    }

    // In the vector forms, a value that went "negative" wraps above every residue, so an unsigned minimum against
    // the corrected value selects the right one without branches.

    private readonly struct AddKernel(ulong q) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => WordMath.SubtractIfAtLeast(x + y, q);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<ulong> Apply(Vector<ulong> x, Vector<ulong> y)
        {
            var s = x + y;
            return Vector.Min(s, s - new Vector<ulong>(q));
        }
    }

    private readonly struct AddScalarKernel(ulong q, ulong scalar) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => WordMath.SubtractIfAtLeast(x + scalar, q);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<ulong> Apply(Vector<ulong> x, Vector<ulong> y)
        {
            var s = x + new Vector<ulong>(scalar);
            return Vector.Min(s, s - new Vector<ulong>(q));
        }
    }

    private readonly struct SubKernel(ulong q) : IKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => WordMath.SubtractIfAtLeast(x - y + q, q);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<ulong> Apply(Vector<ulong> x, Vector<ulong> y)
        {
            var d = x - y;
            return Vector.Min(d, d + new Vector<ulong>(q));
        }
    }

    private readonly struct NegateKernel(ulong q) : IKernel
    {
        // q - x is q exactly when x = 0; the second reduction maps it to 0.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Apply(ulong x, ulong y) => WordMath.SubtractIfAtLeast(q - x, q);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<ulong> Apply(Vector<ulong> x, Vector<ulong> y)
        {
            var qv = new Vector<ulong>(q);
            var d = qv - x;
            return Vector.Min(d, d - qv);
        }
    }
}
