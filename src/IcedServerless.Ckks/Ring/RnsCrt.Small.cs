using System.Numerics;
using System.Runtime.CompilerServices;

namespace IcedServerless.Ckks.Ring;

/// <summary>
/// Composition for one to three primes (decoding at N = 8192 and at the lower levels of larger rings) in straight-line
/// 64-bit words: the same Garner digits, comparison with (Q+1)/2, complement and single rounding as the general path,
/// with every constant in a register and no data-dependent branch.
/// </summary>
public sealed partial class RnsCrt
{
    // Q and (Q+1)/2 as three 64-bit words, least significant first (Q < 2^183 for three primes).
    private readonly ulong[] _productWords = new ulong[3];
    private readonly ulong[] _thresholdWords = new ulong[3];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ComposeCenteredToDouble
    private void ComposeUpToThree(ReadOnlySpan<ulong> primeMajor, double divisor, Span<double> destination)
    {
        var n = destination.Length;
        var count = _primes.Length;
        var q0 = _primes[0].Value;
        var q1 = count > 1 ? _primes[1].Value : 0;
        var q2 = count > 2 ? _primes[2].Value : 0;
        var r0 = primeMajor[..n];
        var r1 = count > 1 ? primeMajor.Slice(n, n) : r0;
        var r2 = count > 2 ? primeMajor.Slice(2 * n, n) : r0;

        // Garner constants: q_k^-1 mod q_j with Shoup quotients (row j at j(j-1)/2), and multiples of q_j above 2^61.
        ulong inverse01 = 0, shoup01 = 0, inverse02 = 0, shoup02 = 0, inverse12 = 0, shoup12 = 0, big1 = 0, big2 = 0;
        if (count > 1)
        {
            (inverse01, shoup01, big1) = (_inverses[0], _inversesShoup[0], _bigMultiples[1]);
        }

        if (count > 2)
        {
            (inverse02, shoup02, inverse12, shoup12, big2) = (_inverses[1], _inversesShoup[1], _inverses[2], _inversesShoup[2], _bigMultiples[2]);
        }

        ulong t0 = _thresholdWords[0], t1 = _thresholdWords[1], t2 = _thresholdWords[2];
        ulong p0 = _productWords[0], p1 = _productWords[1], p2 = _productWords[2];
        var invalid = false;
        for (var i = 0; i < n; i++)
        {
            // Digits v0, v1, v2 (zero beyond the count): x = v0 + q0 (v1 + q1 v2).
            var v0 = r0[i];
            invalid |= v0 >= q0;
            ulong v1 = 0, v2 = 0;
            if (count > 1)
            {
                var residue = r1[i];
                invalid |= residue >= q1;
                v1 = Shoup(residue + big1 - v0, inverse01, shoup01, q1);
            }

            if (count > 2)
            {
                var residue = r2[i];
                invalid |= residue >= q2;
                v2 = Shoup(Shoup(residue + big2 - v0, inverse02, shoup02, q2) + big2 - v1, inverse12, shoup12, q2);
            }

            var y = ((UInt128)q1 * v2) + v1;
            var low = ((UInt128)q0 * (ulong)y) + v0;
            var high = ((UInt128)q0 * (ulong)(y >> 64)) + (ulong)(low >> 64);
            ulong x0 = (ulong)low, x1 = (ulong)high, x2 = (ulong)(high >> 64);

            // Centered: from (Q+1)/2 on, the value stands for x - Q, whose magnitude is Q - x. Decoded coefficients
            // are positive or negative at random, so masks choose rather than a mispredicted branch.
            var below = Borrow(x2, x1, x0, t2, t1, t0);
            var mask = below - 1; // all ones when x >= (Q+1)/2
            var d0 = p0 - x0;
            var c0 = p0 < x0 ? 1UL : 0UL;
            var d1 = p1 - x1 - c0;
            var c1 = (p1 < x1 ? 1UL : 0UL) | ((p1 - x1) < c0 ? 1UL : 0UL);
            var d2 = p2 - x2 - c1;
            x0 ^= (x0 ^ d0) & mask;
            x1 ^= (x1 ^ d1) & mask;
            x2 ^= (x2 ^ d2) & mask;

            // Negation flips the sign bit, exactly as the unary minus does.
            var bits = BitConverter.DoubleToUInt64Bits(ToDouble(x2, x1, x0)) | (mask & (1UL << 63));
            destination[i] = BitConverter.UInt64BitsToDouble(bits) / divisor;
        }

        if (invalid)
        {
            throw new ArgumentException("A residue is not below its prime.", nameof(primeMajor));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Shoup(ulong x, ulong w, ulong wShoup, ulong q) =>
        WordMath.SubtractIfAtLeast(Modulus.MultiplyShoupLazy(x, w, wShoup, q), q);

    /// <summary>1 when the three-word a is below b, else 0 (the borrow out of a − b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Borrow(ulong a2, ulong a1, ulong a0, ulong b2, ulong b1, ulong b0)
    {
        var borrow = a0 < b0 ? 1UL : 0UL;
        borrow = (a1 < b1 ? 1UL : 0UL) | ((a1 - b1) < borrow ? 1UL : 0UL);
        return (a2 < b2 ? 1UL : 0UL) | ((a2 - b2) < borrow ? 1UL : 0UL);
    }

    /// <summary>A value of up to three words rounded once to double (the 64 leading bits with a sticky bit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ToDouble(ulong x2, ulong x1, ulong x0)
    {
        if ((x2 | x1) == 0)
        {
            return x0;
        }

        ulong top = x1, next = x0, rest = 0;
        var exponent = 64;
        if (x2 != 0)
        {
            (top, next, rest, exponent) = (x2, x1, x0, 128);
        }

        var shift = BitOperations.LeadingZeroCount(top);
        var mantissa = shift == 0 ? top : (top << shift) | (next >> (64 - shift));
        var sticky = (shift == 0 ? next : next << shift) | rest;
        if (sticky != 0)
        {
            mantissa |= 1;
        }

        return Math.ScaleB(mantissa, exponent - shift);
    }
}
