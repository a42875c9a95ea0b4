using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace IcedServerless.Ckks.Ring;

/// <summary>Branch-free 64-bit helpers for the hot loops.</summary>
/// <remarks>
/// Residues are uniformly random, so a data-dependent branch mispredicts half the time; these forms compile to
/// <c>mulx</c> and <c>cmov</c> instead. <c>Math.BigMul</c> with an <c>out</c> low word round-trips that word through
/// the stack, so callers that need both halves take the low word from a plain (wrapping) multiplication.
/// </remarks>
internal static class WordMath
{
    /// <summary>The high 64 bits of the 128-bit product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulHigh(ulong a, ulong b) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);

    /// <summary><c>x - bound</c> when <c>x &gt;= bound</c>, else x; both operands below 2^63.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubtractIfAtLeast(ulong x, ulong bound)
    {
        // Below 2^63 the sign bit of x - bound says whether it went negative; the mask adds bound back exactly then.
        // Written as arithmetic so that no branch (and no branch misprediction on random residues) can be emitted.
        var d = x - bound;
        return d + (bound & (ulong)((long)d >> 63));
    }
}
