using System.Runtime.CompilerServices;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>The FFT-like transforms and the integer conversions of the encoder.</summary>
public sealed partial class CkksEncoder
{
    private const double TwoToThe63 = 9223372036854775808.0;

    private void EncodeInternal(double[] re, double[] im, ParmsId parmsId, double scale, Plaintext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = DataLevel(parmsId);
        CheckScale(level, scale);
        InverseTransform(re, im, scale / _n);

        var maxAbs = 0.0;
        for (var j = 0; j < _n; j++)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(re[j]));
        }

        if (!double.IsFinite(maxAbs) || (int)Math.Ceiling(Math.Log2(Math.Max(maxAbs, 1.0))) + 1 >= level.TotalCoeffModulusBitCount)
        {
            throw new ArgumentException("encoded values are too large", "values");
        }

        destination.Resize(level, _n);
        destination.Scale = scale;
        var data = destination.RawData;
        if (maxAbs < TwoToThe63)
        {
            // Every rounded coefficient fits a long: convert once, then reduce modulo each prime eight at a time.
            using var words = PooledWords.Rent(_n);
            var integers = System.Runtime.InteropServices.MemoryMarshal.Cast<ulong, long>(words.Span);
            for (var j = 0; j < _n; j++)
            {
                integers[j] = (long)Math.Round(re[j], MidpointRounding.AwayFromZero); // C's round(), not banker's rounding
            }

            var wordArray = words.Array;
            _context.ForEachLimb(level.PrimeCount, prime =>
            {
                var block = data.AsSpan(prime * _n, _n);
                PolyArith.ReduceSigned(wordArray.AsSpan(0, _n), block, level.Moduli[prime]);
                level.Ntt[prime].Forward(block);
            });
            return;
        }

        for (var j = 0; j < _n; j++)
        {
            re[j] = Math.Round(re[j], MidpointRounding.AwayFromZero);
        }

        _context.ForEachLimb(level.PrimeCount, prime =>
        {
            var modulus = level.Moduli[prime];
            var block = data.AsSpan(prime * _n, _n);
            for (var j = 0; j < _n; j++)
            {
                block[j] = ReduceExact(re[j], modulus);
            }

            level.Ntt[prime].Forward(block);
        });
    }

    // Compiled fully optimized at once, like RnsCrt's composition (see there).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DecodeInternal(Plaintext plain, double[] re, double[] im, int count)
    {
        ArgumentNullException.ThrowIfNull(plain);
        if (count > SlotCount)
        {
            throw new ArgumentException($"cannot decode {count} values: there are {SlotCount} slots", "destination");
        }

        var level = _context.TryGetContextData(plain.ParmsId)
            ?? throw new ArgumentException("plain is not valid for encryption parameters", nameof(plain));
        if (!(plain.Scale > 0) || (int)Math.Log2(plain.Scale) >= level.TotalCoeffModulusBitCount)
        {
            throw new ArgumentException("scale out of bounds", nameof(plain));
        }

        var k = level.PrimeCount;
        using var coefficients = PooledWords.Rent(k * _n);
        plain.Data.CopyTo(coefficients.Span);
        var array = coefficients.Array;
        _context.ForEachLimb(k, prime => level.Ntt[prime].Inverse(array.AsSpan(prime * _n, _n)));
        level.Crt.ComposeCenteredToDouble(coefficients.Span, plain.Scale, re.AsSpan(0, _n));
        im.AsSpan(0, _n).Clear();
        ForwardTransform(re, im);
    }

    /// <summary>
    /// The residue of an integer-valued double modulo q, exact for any magnitude: values beyond 2^63 are split into
    /// their 53-bit mantissa and power of two, which is exact because the double is an integer.
    /// </summary>
    internal static ulong ReduceExact(double value, Modulus q)
    {
        var negative = value < 0;
        var magnitude = Math.Abs(value);
        ulong residue;
        if (magnitude < TwoToThe63)
        {
            residue = q.Reduce((ulong)magnitude);
        }
        else
        {
            var bits = BitConverter.DoubleToUInt64Bits(magnitude);
            var exponent = (int)((bits >> 52) & 0x7FF) - 1075;
            var mantissa = (bits & ((1UL << 52) - 1)) | (1UL << 52);
            residue = q.Multiply(q.Reduce(mantissa), q.Pow(2, (ulong)exponent));
        }

        return negative ? q.Negate(residue) : residue;
    }

    /// <summary>SEAL's table of complex roots of unity: one eighth of the circle, the rest by symmetry.</summary>
    private sealed class RootTable
    {
        private const double Pi = 3.1415926535897932384626433832795028842;
        private readonly int _m;
        private readonly double[] _cos, _sin;

        public RootTable(int m)
        {
            _m = m;
            var count = (m / 8) + 1;
            _cos = new double[count];
            _sin = new double[count];
            for (var k = 0; k < count; k++)
            {
                var theta = 2 * Pi * k / m; // ((2·π)·k)/m, evaluated left to right like SEAL
                _cos[k] = Math.Cos(theta);
                _sin[k] = Math.Sin(theta);
            }
        }

        public (double Re, double Im) Root(int j)
        {
            j %= _m;
            if (j <= _m / 8)
            {
                return (_cos[j], _sin[j]);
            }

            if (j <= _m / 4)
            {
                return (_sin[(_m / 4) - j], _cos[(_m / 4) - j]);
            }

            if (j <= _m / 2)
            {
                var c = Root((_m / 2) - j);
                return (-c.Re, c.Im);
            }

            if (j <= 3 * _m / 4)
            {
                var c = Root(j - (_m / 2));
                return (-c.Re, -c.Im);
            }

            var d = Root(_m - j);
            return (d.Re, -d.Im);
        }
    }
}
