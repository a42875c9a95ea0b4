using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace IcedServerless.Ckks.Ring;

/// <summary>
/// Eight-lane modular helpers for AVX-512 (F and DQ): the vector counterparts of <see cref="WordMath"/> and the Shoup
/// product. Callers check <see cref="IsSupported"/> first.
/// </summary>
internal static class VectorMath
{
    /// <summary>Whether the processor runs the eight-lane kernels in hardware.</summary>
    public static bool IsSupported => Avx512F.IsSupported && Avx512DQ.IsSupported;

    /// <summary>The high 64 bits of each lane's 128-bit product, exactly.</summary>
    /// <remarks>
    /// AVX-512 has no 64x64 high multiply, so the product is assembled from four 32x32 partial products; the middle
    /// column is summed before its carry is taken, which keeps the result exact.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MulHigh(Vector512<ulong> a, Vector512<ulong> b)
    {
        var aHigh = Avx512F.ShiftRightLogical(a, 32);
        var bHigh = Avx512F.ShiftRightLogical(b, 32);
        var lowLow = Avx512F.Multiply(a.AsUInt32(), b.AsUInt32());
        var lowHigh = Avx512F.Multiply(a.AsUInt32(), bHigh.AsUInt32());
        var highLow = Avx512F.Multiply(aHigh.AsUInt32(), b.AsUInt32());
        var highHigh = Avx512F.Multiply(aHigh.AsUInt32(), bHigh.AsUInt32());

        var mask = Vector512.Create(0xFFFF_FFFFUL);
        var middle = Avx512F.ShiftRightLogical(lowLow, 32) + (lowHigh & mask) + (highLow & mask);
        return highHigh + Avx512F.ShiftRightLogical(lowHigh, 32) + Avx512F.ShiftRightLogical(highLow, 32)
            + Avx512F.ShiftRightLogical(middle, 32);
    }

    /// <summary>Lane-wise <c>x * w mod q</c> in <c>[0, 2q)</c> for any 64-bit x (Shoup, as
    /// <see cref="Modulus.MultiplyShoupLazy"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MultiplyShoupLazy(Vector512<ulong> x, Vector512<ulong> w, Vector512<ulong> wShoup, Vector512<ulong> q) =>
        x * w - MulHigh(x, wShoup) * q;

    /// <summary>Lane-wise <c>x - bound</c> where <c>x &gt;= bound</c>, else x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> SubtractIfAtLeast(Vector512<ulong> x, Vector512<ulong> bound) =>
        // x - bound wraps above x exactly when x < bound, so the unsigned minimum picks the right one.
        Vector512.Min(x, x - bound);

    /// <summary>Lane-wise <see cref="Modulus.ReduceProduct"/>: <c>x mod q</c> for <c>x = high * 2^64 + low &lt; 2^(2k)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> ReduceProduct(
        Vector512<ulong> high, Vector512<ulong> low, Vector512<ulong> q, int shift, Vector512<ulong> ratio)
    {
        // As in the scalar form, a shift count of 64 (s = 0) wraps to 0, which is harmless because high is 0 then.
        var shifted = Vector512.ShiftLeft(high, 64 - shift) | Vector512.ShiftRightLogical(low, shift);
        return SubtractIfAtLeast(low - MulHigh(shifted, ratio) * q, q);
    }

    /// <summary>Lane-wise <c>x * y mod q</c> for residues.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MultiplyReduce(Vector512<ulong> x, Vector512<ulong> y, Vector512<ulong> q, int shift, Vector512<ulong> ratio) =>
        ReduceProduct(MulHigh(x, y), x * y, q, shift, ratio);

    /// <summary>Lane-wise <c>(x * y + z) mod q</c> where the exact sum is below <c>2^(2k)</c> (for example residues x, y, z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MultiplyAddReduce(
        Vector512<ulong> x, Vector512<ulong> y, Vector512<ulong> z, Vector512<ulong> q, int shift, Vector512<ulong> ratio)
    {
        var product = x * y;
        var sum = product + z;

        // An all-ones compare lane is -1, so subtracting it adds the carry of the low-word sum.
        var high = MulHigh(x, y) - Vector512.LessThan(sum, product);
        return ReduceProduct(high, sum, q, shift, ratio);
    }
}
