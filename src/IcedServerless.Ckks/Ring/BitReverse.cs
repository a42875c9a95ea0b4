using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace IcedServerless.Ckks.Ring;

/// <summary>Bit reversal of small indices, the permutation behind SEAL's bit-reversed NTT order.</summary>
public static class BitReverse
{
    /// <summary>Reverses the lowest <paramref name="bits"/> bits of <paramref name="value"/>.</summary>
    /// <param name="value">A value in <c>[0, 2^bits)</c>.</param>
    /// <param name="bits">The width, in <c>[0, 31]</c>; width 0 maps everything to 0.</param>
    /// <returns>The reversed value, in <c>[0, 2^bits)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is outside [0, 31], or
    /// <paramref name="value"/> is negative or does not fit in <paramref name="bits"/> bits.</exception>
    public static int Reverse(int value, int bits)
    {
        if ((uint)bits > 31)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "The bit width must be in [0, 31].");
        }

        if ((uint)value >> bits != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"The value must be in [0, 2^{bits}).");
        }

        return ReverseUnchecked((uint)value, bits);
    }

    /// <summary>Reverses the lowest <paramref name="bits"/> bits without validating (bits in [0, 32]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ReverseUnchecked(uint value, int bits)
    {
        if (bits == 0)
        {
            return 0;
        }

        // Reverse all 32 bits (bytes by a byte swap, then the bits inside each byte), then drop the unused low end.
        var x = BinaryPrimitives.ReverseEndianness(value);
        x = ((x & 0x0F0F0F0Fu) << 4) | ((x >> 4) & 0x0F0F0F0Fu);
        x = ((x & 0x33333333u) << 2) | ((x >> 2) & 0x33333333u);
        x = ((x & 0x55555555u) << 1) | ((x >> 1) & 0x55555555u);
        return (int)(x >> (32 - bits));
    }
}
