using System.Buffers;
using System.Numerics;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>
/// Encodes vectors of up to N/2 real or complex numbers into CKKS plaintexts and decodes them, bit-for-bit as SEAL's
/// <c>CKKSEncoder</c> (same slot order, same double-precision roots and FFT, same rounding), so a plaintext encoded
/// here equals one encoded by any SEAL client. Thread-safe.
/// </summary>
public sealed partial class CkksEncoder
{
    private readonly CkksContext _context;
    private readonly int _n;
    private readonly int _logN;
    private readonly int[] _slotToPosition;      // SEAL's matrix_reps_index_map
    private readonly double[] _encodeRe, _encodeIm; // conj(root(bitrev(i-1)+1)), i = 1..N-1
    private readonly double[] _decodeRe, _decodeIm; // root(bitrev(i)), i = 1..N-1

    /// <summary>Creates an encoder for <paramref name="context"/>.</summary>
    public CkksEncoder(CkksContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _n = context.PolyModulusDegree;
        _logN = BitOperations.Log2((uint)_n);
        _slotToPosition = BuildIndexMap(_n, _logN);
        var roots = new RootTable(2 * _n);
        _encodeRe = new double[_n];
        _encodeIm = new double[_n];
        _decodeRe = new double[_n];
        _decodeIm = new double[_n];
        for (var i = 1; i < _n; i++)
        {
            var (dr, di) = roots.Root(BitReverse.Reverse(i, _logN));
            _decodeRe[i] = dr;
            _decodeIm[i] = di;
            var (er, ei) = roots.Root(BitReverse.Reverse(i - 1, _logN) + 1);
            _encodeRe[i] = er;
            _encodeIm[i] = -ei;
        }
    }

    /// <summary>N/2: how many values one plaintext holds.</summary>
    public int SlotCount => _n / 2;

    /// <summary>Encodes real values at the first data level.</summary>
    public Plaintext Encode(ReadOnlySpan<double> values, double scale)
    {
        var destination = new Plaintext();
        Encode(values, _context.FirstParmsId, scale, destination);
        return destination;
    }

    /// <summary>Encodes real values (missing slots are 0) at the level <paramref name="parmsId"/>.</summary>
    /// <exception cref="ArgumentException">Too many values, a bad level, scale out of bounds, or values too large.</exception>
    public void Encode(ReadOnlySpan<double> values, ParmsId parmsId, double scale, Plaintext destination)
    {
        CheckCount(values.Length);
        using var scratch = new FftScratch(_n);
        var half = _n / 2;
        for (var i = 0; i < values.Length; i++)
        {
            scratch.Re[_slotToPosition[i]] = values[i];
            scratch.Re[_slotToPosition[half + i]] = values[i];
            scratch.Im[_slotToPosition[half + i]] = -0.0; // conj of a real value, as SEAL writes it
        }

        EncodeInternal(scratch.Re, scratch.Im, parmsId, scale, destination);
    }

    /// <summary>Encodes complex values at the level <paramref name="parmsId"/>.</summary>
    public void Encode(ReadOnlySpan<Complex> values, ParmsId parmsId, double scale, Plaintext destination)
    {
        CheckCount(values.Length);
        using var scratch = new FftScratch(_n);
        var half = _n / 2;
        for (var i = 0; i < values.Length; i++)
        {
            scratch.Re[_slotToPosition[i]] = values[i].Real;
            scratch.Im[_slotToPosition[i]] = values[i].Imaginary;
            scratch.Re[_slotToPosition[half + i]] = values[i].Real;
            scratch.Im[_slotToPosition[half + i]] = -values[i].Imaginary;
        }

        EncodeInternal(scratch.Re, scratch.Im, parmsId, scale, destination);
    }

    /// <summary>
    /// Encodes one real number into every slot (a constant polynomial, no FFT), as SEAL's <c>encode(double)</c>.
    /// </summary>
    public void Encode(double value, ParmsId parmsId, double scale, Plaintext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var level = DataLevel(parmsId);
        CheckScale(level, scale);
        var scaled = value * scale;
        if (!double.IsFinite(scaled) || (int)Math.Log2(Math.Abs(scaled)) + 2 >= level.TotalCoeffModulusBitCount)
        {
            throw new ArgumentException("encoded value is too large", nameof(value));
        }

        var coefficient = Math.Round(scaled, MidpointRounding.AwayFromZero);
        destination.Resize(level, _n);
        destination.Scale = scale;
        for (var j = 0; j < level.PrimeCount; j++)
        {
            destination.Block(j).Fill(ReduceExact(coefficient, level.Moduli[j]));
        }
    }

    /// <summary>Decodes the real parts of all N/2 slots.</summary>
    public double[] Decode(Plaintext plain)
    {
        var result = new double[SlotCount];
        Decode(plain, result);
        return result;
    }

    /// <summary>Decodes the real parts of the first <c>destination.Length</c> slots.</summary>
    public void Decode(Plaintext plain, Span<double> destination)
    {
        using var scratch = new FftScratch(_n);
        DecodeInternal(plain, scratch.Re, scratch.Im, destination.Length);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = scratch.Re[_slotToPosition[i]];
        }
    }

    /// <summary>Decodes the first <c>destination.Length</c> slots as complex numbers.</summary>
    public void Decode(Plaintext plain, Span<Complex> destination)
    {
        using var scratch = new FftScratch(_n);
        DecodeInternal(plain, scratch.Re, scratch.Im, destination.Length);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = new Complex(scratch.Re[_slotToPosition[i]], scratch.Im[_slotToPosition[i]]);
        }
    }

    private void CheckCount(int count)
    {
        if (count > SlotCount)
        {
            throw new ArgumentException($"too many values: {count} > {SlotCount} slots", "values");
        }
    }

    private ContextData DataLevel(ParmsId parmsId)
    {
        var level = _context.TryGetContextData(parmsId)
            ?? throw new ArgumentException($"parms_id {parmsId} is not valid for this context", nameof(parmsId));
        if (!_context.IsDataLevel(parmsId))
        {
            throw new ArgumentException("cannot encode at the key level", nameof(parmsId));
        }

        return level;
    }

    private static void CheckScale(ContextData level, double scale)
    {
        // SEAL: trunc(log2 scale) + 1 must stay below the level's bit count.
        if (!(scale > 0) || !double.IsFinite(scale) || (int)Math.Log2(scale) + 1 >= level.TotalCoeffModulusBitCount)
        {
            throw new ArgumentException("scale out of bounds", nameof(scale));
        }
    }

    private static int[] BuildIndexMap(int n, int logN)
    {
        var map = new int[n];
        var half = n / 2;
        var m = (ulong)(2 * n);
        ulong pos = 1;
        for (var i = 0; i < half; i++)
        {
            map[i] = BitReverse.Reverse((int)((pos - 1) >> 1), logN);
            map[half + i] = BitReverse.Reverse((int)((m - pos - 1) >> 1), logN);
            pos = pos * 3 % m;
        }

        return map;
    }

    /// <summary>Pooled, zeroed real and imaginary work arrays of length ≥ N for one transform.</summary>
    private readonly struct FftScratch : IDisposable
    {
        public FftScratch(int n)
        {
            Re = ArrayPool<double>.Shared.Rent(n);
            Im = ArrayPool<double>.Shared.Rent(n);
            Array.Clear(Re, 0, n);
            Array.Clear(Im, 0, n);
        }

        public double[] Re { get; }

        public double[] Im { get; }

        public void Dispose()
        {
            ArrayPool<double>.Shared.Return(Re);
            ArrayPool<double>.Shared.Return(Im);
        }
    }
}
