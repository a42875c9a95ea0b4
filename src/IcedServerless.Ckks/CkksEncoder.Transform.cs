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

        for (var j = 0; j < _n; j++)
        {
            re[j] = Math.Round(re[j], MidpointRounding.AwayFromZero); // C's round(), not banker's rounding
        }

        destination.Resize(level, _n);
        destination.Scale = scale;
        var data = destination.RawData;
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
        var coefficients = new ulong[k * _n];
        plain.Data.CopyTo(coefficients);
        _context.ForEachLimb(k, prime => level.Ntt[prime].Inverse(coefficients.AsSpan(prime * _n, _n)));

        Span<ulong> residues = stackalloc ulong[k];
        for (var i = 0; i < _n; i++)
        {
            for (var j = 0; j < k; j++)
            {
                residues[j] = coefficients[(j * _n) + i];
            }

            re[i] = level.Crt.ComposeCenteredToDouble(residues, plain.Scale);
            im[i] = 0;
        }

        ForwardTransform(re, im);
    }

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
                double rr = _encodeRe[t], ri = _encodeIm[t];
                var start = b * 2 * gap;
                for (var j = start; j < start + gap; j++)
                {
                    double ur = re[j], ui = im[j], wr = re[j + gap], wi = im[j + gap];
                    re[j] = ur + wr;
                    im[j] = ui + wi;
                    double dr = ur - wr, di = ui - wi;
                    re[j + gap] = (dr * rr) - (di * ri);
                    im[j + gap] = (dr * ri) + (di * rr);
                }
            }

            gap <<= 1;
        }

        t++;
        double sr = _encodeRe[t] * f, si = _encodeIm[t] * f;
        for (var j = 0; j < gap; j++)
        {
            double ur = re[j], ui = im[j], wr = re[j + gap], wi = im[j + gap];
            re[j] = (ur + wr) * f;
            im[j] = (ui + wi) * f;
            double dr = ur - wr, di = ui - wi;
            re[j + gap] = (dr * sr) - (di * si);
            im[j + gap] = (dr * si) + (di * sr);
        }
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
                double rr = _decodeRe[t], ri = _decodeIm[t];
                var start = b * 2 * gap;
                for (var j = start; j < start + gap; j++)
                {
                    double zr = re[j + gap], zi = im[j + gap];
                    double pr = (zr * rr) - (zi * ri), pi = (zr * ri) + (zi * rr);
                    double ur = re[j], ui = im[j];
                    re[j] = ur + pr;
                    im[j] = ui + pi;
                    re[j + gap] = ur - pr;
                    im[j + gap] = ui - pi;
                }
            }

            gap >>= 1;
        }
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
