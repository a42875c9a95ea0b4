using IcedServerless.Ckks.IO;
using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks;

/// <summary>
/// A CKKS plaintext: one polynomial in NTT form over the primes of one level, with a scale. Made by
/// <see cref="CkksEncoder"/> or a <see cref="Decryptor"/>. Layout is prime-major: word <c>j·N + i</c>.
/// </summary>
public sealed class Plaintext
{
    private ulong[] _data = [];

    /// <summary>Creates an empty plaintext, to be filled by an encoder or decryptor.</summary>
    public Plaintext()
    {
    }

    internal Plaintext(ContextData level, int polyModulusDegree, double scale)
    {
        Resize(level, polyModulusDegree);
        Scale = scale;
    }

    /// <summary>The parms_id of the level (never zero for CKKS).</summary>
    public ParmsId ParmsId { get; private set; }

    /// <summary>The CKKS scale.</summary>
    public double Scale { get; set; } = 1.0;

    /// <summary>N.</summary>
    public int PolyModulusDegree { get; private set; }

    /// <summary>Number of primes at this level.</summary>
    public int CoeffModulusSize { get; private set; }

    /// <summary>N times the number of primes.</summary>
    public int CoeffCount => PolyModulusDegree * CoeffModulusSize;

    /// <summary>True: CKKS plaintexts are in NTT form exactly when the parms_id is non-zero.</summary>
    public bool IsNttForm => !ParmsId.IsZero;

    /// <summary>The raw words (read-only view).</summary>
    public ReadOnlySpan<ulong> Data => _data.AsSpan(0, CoeffCount);

    internal ulong[] RawData => _data;

    internal Span<ulong> Block(int prime) => _data.AsSpan(prime * PolyModulusDegree, PolyModulusDegree);

    /// <summary>Sets a new level, reallocating only when the storage is too small. Contents are not preserved.</summary>
    internal void Resize(ContextData level, int polyModulusDegree)
    {
        var length = polyModulusDegree * level.PrimeCount;
        if (_data.Length < length)
        {
            _data = new ulong[length];
        }

        ParmsId = level.ParmsId;
        PolyModulusDegree = polyModulusDegree;
        CoeffModulusSize = level.PrimeCount;
    }

    /// <summary>Drops trailing prime blocks (plaintext mod-switch) without reallocating.</summary>
    internal void Truncate(ContextData level)
    {
        ParmsId = level.ParmsId;
        CoeffModulusSize = level.PrimeCount;
    }

    /// <summary>A deep copy.</summary>
    public Plaintext Clone()
    {
        var copy = new Plaintext { ParmsId = ParmsId, Scale = Scale, PolyModulusDegree = PolyModulusDegree, CoeffModulusSize = CoeffModulusSize };
        copy._data = Data.ToArray();
        return copy;
    }

    /// <summary>Serializes in SEAL's Plaintext format.</summary>
    public byte[] Save(ComprModeType compression = ComprModeType.ZLib) =>
        SealObjectIO.Save(w => PlaintextFormat.Write(w, ParmsId, Scale, Data), PlaintextFormat.Size(CoeffCount), compression);

    /// <summary>Loads a plaintext at a data level of <paramref name="context"/> from untrusted bytes.</summary>
    /// <exception cref="SealFormatException">The bytes are not a valid plaintext for this context.</exception>
    public static Plaintext Load(CkksContext context, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SealObjectIO.Load(data, PlaintextFormat.MaxMembersBytes(context), "Plaintext", (ref SealReader r) =>
        {
            var (level, scale, words) = PlaintextFormat.Read(ref r, context, keyLevel: false);
            var pt = new Plaintext(level, context.PolyModulusDegree, scale);
            words.CopyTo(pt._data, 0);
            return pt;
        });
    }
}
