using System.Numerics;
using System.Runtime.CompilerServices;

namespace IcedServerless.Ckks.Ring;

/// <summary>
/// A modulus <c>2 &lt;= q &lt; 2^61</c> together with its Barrett constant <c>floor(2^128 / q)</c>.
/// Every arithmetic member expects operands already reduced into <c>[0, q)</c> unless its documentation says otherwise,
/// and returns a value in <c>[0, q)</c>.
/// </summary>
/// <remarks>
/// The 61-bit ceiling leaves three spare bits in a word, which is what lets the NTT keep values lazily in
/// <c>[0, 4q)</c> and lets callers add a few residues before reducing. <c>default(Modulus)</c> has value 0 and must not
/// be used for arithmetic.
/// </remarks>
public readonly struct Modulus : IEquatable<Modulus>
{
    /// <summary>The exclusive upper bound on a modulus value, <c>2^61</c>.</summary>
    public const ulong MaxValueExclusive = 1UL << 61;

    private readonly ulong _value;
    private readonly ulong _ratioHigh;
    private readonly ulong _ratioLow;
    private readonly ulong _productRatio;
    private readonly int _bitCount;
    private readonly int _productShift;

    /// <summary>Creates a modulus and precomputes its Barrett constant.</summary>
    /// <param name="value">The modulus, in <c>[2, 2^61)</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is below 2 or at least 2^61.</exception>
    public Modulus(ulong value)
    {
        if (value < 2 || value >= MaxValueExclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A modulus must be in [2, 2^61).");
        }

        _value = value;
        _bitCount = 64 - BitOperations.LeadingZeroCount(value);

        // floor((2^128 - 1) / q) is one short of floor(2^128 / q) exactly when q divides 2^128 (q a power of two).
        var ratio = UInt128.MaxValue / value;
        if (UInt128.MaxValue % value == value - 1)
        {
            ratio++;
        }

        _ratioHigh = (ulong)(ratio >> 64);
        _ratioLow = (ulong)ratio;

        // For products of residues (below 2^(2k), k = BitCount): shift s = k - 2 and floor(2^(64+s) / q), which is the
        // Barrett constant shifted down (nested floors) and below 2^63 even for a power-of-two q.
        _productShift = _bitCount - 2;
        _productRatio = (ulong)(ratio >> (64 - _productShift));
    }

    /// <summary>The modulus <c>q</c>.</summary>
    public ulong Value => _value;

    /// <summary>The number of significant bits of <c>q</c>.</summary>
    public int BitCount => _bitCount;

    /// <summary>The high word of <c>floor(2^128 / q)</c>, which equals <c>floor(2^64 / q)</c>.</summary>
    internal ulong RatioHigh => _ratioHigh;

    /// <summary>The low word of <c>floor(2^128 / q)</c>.</summary>
    internal ulong RatioLow => _ratioLow;

    /// <summary><c>BitCount - 2</c>, the shift of <see cref="ReduceProduct"/>.</summary>
    internal int ProductShift => _productShift;

    /// <summary><c>floor(2^(64 + ProductShift) / q)</c>, the constant of <see cref="ReduceProduct"/>.</summary>
    internal ulong ProductRatio => _productRatio;

    /// <summary>Reduces any 64-bit word modulo <c>q</c>.</summary>
    /// <param name="x">Any value.</param>
    /// <returns><c>x mod q</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Reduce(ulong x)
    {
        // floor(x * floor(2^64/q) / 2^64) undershoots floor(x/q) by at most one, so one subtraction finishes.
        var quotient = WordMath.MulHigh(x, _ratioHigh);
        return WordMath.SubtractIfAtLeast(x - quotient * _value, _value);
    }

    /// <summary>Reduces any 128-bit value modulo <c>q</c> (Barrett reduction).</summary>
    /// <param name="x">Any value.</param>
    /// <returns><c>x mod q</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Reduce(UInt128 x) => BarrettReduce((ulong)(x >> 64), (ulong)x, _value, _ratioHigh, _ratioLow);

    /// <summary>Barrett reduction of <c>high * 2^64 + low</c>, any 128-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BarrettReduce(ulong high, ulong low, ulong q, ulong ratioHigh, ulong ratioLow)
    {
        // The quotient estimate is floor(x * ratio / 2^128), computed exactly: the only partial product below
        // bit 64 is low*ratioLow, and alone it cannot carry. It undershoots floor(x/q) by at most one.
        var carry = WordMath.MulHigh(low, ratioLow);
        var midHigh = WordMath.MulHigh(low, ratioHigh);
        var midLow = low * ratioHigh;
        var sum = midLow + carry;
        midHigh += sum < midLow ? 1UL : 0UL;

        var crossHigh = WordMath.MulHigh(high, ratioLow);
        var sum2 = sum + high * ratioLow;
        crossHigh += sum2 < sum ? 1UL : 0UL;

        var quotient = high * ratioHigh + midHigh + crossHigh;
        return WordMath.SubtractIfAtLeast(low - quotient * q, q);
    }

    /// <summary>Multiplies two residues.</summary>
    /// <param name="a">A value in <c>[0, q)</c>.</param>
    /// <param name="b">A value in <c>[0, q)</c>.</param>
    /// <returns><c>a * b mod q</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Multiply(ulong a, ulong b) =>
        ReduceProduct(WordMath.MulHigh(a, b), a * b, _value, _productShift, _productRatio);

    /// <summary>
    /// Reduces <c>x = high * 2^64 + low</c> for <c>x &lt; 2^(2k)</c> (k = BitCount), which covers a product of two
    /// residues plus a residue, with one high product instead of full Barrett's three.
    /// </summary>
    /// <remarks>
    /// With <c>s = k - 2</c> and <c>M = floor(2^(64+s) / q)</c>, the real value <c>floor(x / 2^s) * M / 2^64</c>
    /// falls short of <c>x / q</c> by less than <c>x / 2^(64+s) + 2^s / q</c>, and each term is at most 1/2 for
    /// <c>x &lt; 2^(2k)</c>, <c>k &lt;= 61</c>. Its floor is therefore the true quotient or one less, and a single
    /// subtraction finishes. <c>floor(x / 2^s)</c> is below <c>2^(k+2)</c> and fits a word. When s = 0 (k = 2) the
    /// high word is 0, so the wrapped shift count is harmless.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong ReduceProduct(ulong high, ulong low, ulong q, int shift, ulong ratio)
    {
        var shifted = (high << (64 - shift)) | (low >> shift);
        var quotient = WordMath.MulHigh(shifted, ratio);
        return WordMath.SubtractIfAtLeast(low - quotient * q, q);
    }

    /// <summary><c>(x * y + z) mod q</c> where the exact sum is below <c>2^(2k)</c> (for example residues x, y, z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MultiplyAddReduce(ulong x, ulong y, ulong z, ulong q, int shift, ulong ratio)
    {
        var product = x * y;
        var sum = product + z;
        var high = WordMath.MulHigh(x, y) + (sum < product ? 1UL : 0UL);
        return ReduceProduct(high, sum, q, shift, ratio);
    }

    /// <summary>Adds two residues.</summary>
    /// <param name="a">A value in <c>[0, q)</c>.</param>
    /// <param name="b">A value in <c>[0, q)</c>.</param>
    /// <returns><c>a + b mod q</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Add(ulong a, ulong b)
    {
        return WordMath.SubtractIfAtLeast(a + b, _value);
    }

    /// <summary>Subtracts two residues.</summary>
    /// <param name="a">A value in <c>[0, q)</c>.</param>
    /// <param name="b">A value in <c>[0, q)</c>.</param>
    /// <returns><c>a - b mod q</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Sub(ulong a, ulong b)
    {
        var d = a - b;
        return a < b ? d + _value : d;
    }

    /// <summary>Negates a residue.</summary>
    /// <param name="a">A value in <c>[0, q)</c>.</param>
    /// <returns><c>-a mod q</c> (0 stays 0).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Negate(ulong a) => a == 0 ? 0 : _value - a;

    /// <summary>Raises a value to a power by square-and-multiply.</summary>
    /// <param name="b">The base; any value (it is reduced first).</param>
    /// <param name="e">The exponent; <c>b^0 = 1</c>.</param>
    /// <returns><c>b^e mod q</c>.</returns>
    public ulong Pow(ulong b, ulong e)
    {
        var result = Reduce(1UL);
        var power = Reduce(b);
        while (e != 0)
        {
            if ((e & 1) != 0)
            {
                result = Multiply(result, power);
            }

            power = Multiply(power, power);
            e >>= 1;
        }

        return result;
    }

    /// <summary>Computes a modular inverse with the extended Euclidean algorithm.</summary>
    /// <param name="a">Any value (it is reduced first).</param>
    /// <returns>The <c>x</c> in <c>[0, q)</c> with <c>a * x = 1 mod q</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="a"/> shares a factor with <c>q</c> (for example 0).</exception>
    public ulong Inverse(ulong a)
    {
        if (!TryInverse(a, out var inverse))
        {
            throw new ArgumentException($"{a} is not invertible modulo {_value}.", nameof(a));
        }

        return inverse;
    }

    /// <summary>Computes a modular inverse, reporting failure instead of throwing.</summary>
    /// <param name="a">Any value (it is reduced first).</param>
    /// <param name="inverse">The inverse in <c>[0, q)</c>, or 0 when none exists.</param>
    /// <returns>Whether <paramref name="a"/> is invertible modulo <c>q</c>.</returns>
    public bool TryInverse(ulong a, out ulong inverse)
    {
        inverse = 0;
        var r0 = _value;
        var r1 = Reduce(a);

        // Track the coefficient of a as signed; |coefficients| stay below q < 2^61, so long never overflows.
        long t0 = 0;
        long t1 = 1;
        while (r1 != 0)
        {
            var quotient = r0 / r1;
            (r0, r1) = (r1, r0 - quotient * r1);
            (t0, t1) = (t1, t0 - (long)quotient * t1);
        }

        if (r0 != 1)
        {
            return false;
        }

        inverse = t0 < 0 ? (ulong)(t0 + (long)_value) : (ulong)t0;
        return true;
    }

    /// <summary>Precomputes the Shoup quotient of a constant multiplier for <see cref="MultiplyShoup"/>.</summary>
    /// <param name="w">The constant, in <c>[0, q)</c>.</param>
    /// <returns><c>floor(w * 2^64 / q)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="w"/> is not below <c>q</c>.</exception>
    public ulong ShoupPrecompute(ulong w)
    {
        if (w >= _value)
        {
            throw new ArgumentOutOfRangeException(nameof(w), w, $"A Shoup constant must be below the modulus {_value}.");
        }

        return (ulong)(((UInt128)w << 64) / _value);
    }

    /// <summary>Multiplies by a constant with a precomputed Shoup quotient (one high and two low products).</summary>
    /// <param name="x">Any 64-bit value; it need not be reduced.</param>
    /// <param name="w">The constant, in <c>[0, q)</c>.</param>
    /// <param name="wShoup"><c>ShoupPrecompute(w)</c>.</param>
    /// <returns><c>x * w mod q</c>, in <c>[0, q)</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong MultiplyShoup(ulong x, ulong w, ulong wShoup)
    {
        return WordMath.SubtractIfAtLeast(MultiplyShoupLazy(x, w, wShoup, _value), _value);
    }

    /// <summary>
    /// Shoup multiplication without the final correction: <c>x * w mod q</c> in <c>[0, 2q)</c> for any 64-bit x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MultiplyShoupLazy(ulong x, ulong w, ulong wShoup, ulong q)
    {
        // wShoup/2^64 is w/q rounded down, so the quotient estimate is floor(x*w/q) or one less.
        var quotient = WordMath.MulHigh(x, wShoup);
        return x * w - quotient * q;
    }

    /// <inheritdoc/>
    public bool Equals(Modulus other) => _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Modulus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <summary>The modulus value in decimal.</summary>
    /// <returns>The decimal digits of <c>q</c>.</returns>
    public override string ToString() => _value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Compares two moduli by value.</summary>
    /// <param name="left">The first modulus.</param>
    /// <param name="right">The second modulus.</param>
    /// <returns>Whether both have the same value.</returns>
    public static bool operator ==(Modulus left, Modulus right) => left.Equals(right);

    /// <summary>Compares two moduli by value.</summary>
    /// <param name="left">The first modulus.</param>
    /// <param name="right">The second modulus.</param>
    /// <returns>Whether the values differ.</returns>
    public static bool operator !=(Modulus left, Modulus right) => !left.Equals(right);
}
