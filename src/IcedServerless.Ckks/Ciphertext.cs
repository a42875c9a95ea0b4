using IcedServerless.Ckks.IO;
using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks;

/// <summary>
/// A CKKS ciphertext: <see cref="Size"/> polynomials in NTT form over the primes of one level, with a scale. Data is
/// prime-major as SEAL stores it: word <c>(p·k + j)·N + i</c> is coefficient i of polynomial p modulo prime j.
/// Not thread-safe for writes; share read-only.
/// </summary>
public sealed class Ciphertext
{
    /// <summary>The largest size SEAL allows (polynomials per ciphertext).</summary>
    public const int MaxSize = 16;

    private ulong[] _data = [];

    /// <summary>Creates an empty ciphertext, to be filled by an encryptor or evaluator.</summary>
    public Ciphertext()
    {
    }

    internal Ciphertext(ContextData level, int polyModulusDegree, int size, double scale)
    {
        Resize(level, polyModulusDegree, size);
        Scale = scale;
    }

    /// <summary>The parms_id of the level this ciphertext is at.</summary>
    public ParmsId ParmsId { get; internal set; }

    /// <summary>Number of polynomials (2 when fresh, 3 after a multiplication).</summary>
    public int Size { get; private set; }

    /// <summary>N.</summary>
    public int PolyModulusDegree { get; private set; }

    /// <summary>Number of primes at this level.</summary>
    public int CoeffModulusSize { get; private set; }

    /// <summary>The CKKS scale. Settable, as in SEAL, to align the scales of operands.</summary>
    public double Scale { get; set; } = 1.0;

    /// <summary>CKKS ciphertexts are always in NTT form.</summary>
    public bool IsNttForm => true;

    /// <summary>The raw words (read-only view), layout <c>(p·k + j)·N + i</c>.</summary>
    public ReadOnlySpan<ulong> Data => _data.AsSpan(0, Size * PolyModulusDegree * CoeffModulusSize);

    internal ulong[] RawData => _data;

    /// <summary>The seed that regenerates c1, kept only by objects wrapped for seeded saving.</summary>
    internal SeedInfo? Seed { get; set; }

    internal int PolyLength => PolyModulusDegree * CoeffModulusSize;

    internal Span<ulong> Poly(int index) => _data.AsSpan(index * PolyLength, PolyLength);

    internal Span<ulong> Block(int poly, int prime) =>
        _data.AsSpan(((poly * CoeffModulusSize) + prime) * PolyModulusDegree, PolyModulusDegree);

    /// <summary>
    /// Sets a new level and size, reallocating only when the storage is too small (as SEAL's reserve: a ciphertext that
    /// was relinearized from size 3 keeps room for 3, so the next product lands in place). Contents are not preserved.
    /// </summary>
    internal void Resize(ContextData level, int polyModulusDegree, int size)
    {
        var length = size * polyModulusDegree * level.PrimeCount;
        if (_data.Length < length)
        {
            _data = new ulong[length];
        }

        ParmsId = level.ParmsId;
        PolyModulusDegree = polyModulusDegree;
        CoeffModulusSize = level.PrimeCount;
        Size = size;
        Seed = null;
    }

    /// <summary>Changes the logical size within the storage (shrinking after relinearization, or growing an
    /// accumulator whose new polynomials the caller has cleared).</summary>
    internal void SetSizeKeepData(int size) => Size = size;

    /// <summary>Replaces the storage (used when an operation builds its result in a new buffer).</summary>
    internal void Adopt(ulong[] data, ContextData level, int polyModulusDegree, int size, double scale)
    {
        _data = data;
        ParmsId = level.ParmsId;
        PolyModulusDegree = polyModulusDegree;
        CoeffModulusSize = level.PrimeCount;
        Size = size;
        Scale = scale;
        Seed = null;
    }

    /// <summary>A deep copy.</summary>
    public Ciphertext Clone()
    {
        var copy = new Ciphertext();
        copy.CopyFrom(this);
        return copy;
    }

    internal void CopyFrom(Ciphertext source)
    {
        if (ReferenceEquals(this, source))
        {
            return;
        }

        var length = source.Size * source.PolyLength;
        if (_data.Length < length)
        {
            _data = new ulong[length];
        }

        source.Data.CopyTo(_data);
        ParmsId = source.ParmsId;
        PolyModulusDegree = source.PolyModulusDegree;
        CoeffModulusSize = source.CoeffModulusSize;
        Size = source.Size;
        Scale = source.Scale;
        Seed = null;
    }

    /// <summary>Serializes in SEAL's Ciphertext format (full form).</summary>
    public byte[] Save(ComprModeType compression = ComprModeType.ZLib) =>
        SealObjectIO.Save(w => CiphertextFormat.Write(w, this, seeded: false), CiphertextFormat.FullSize(this), compression);

    /// <summary>Writes the serialized ciphertext to a stream.</summary>
    public Task SaveAsync(Stream stream, ComprModeType compression = ComprModeType.ZLib, CancellationToken cancellationToken = default) =>
        SealObjectIO.SaveAsync(stream, w => CiphertextFormat.Write(w, this, seeded: false), CiphertextFormat.FullSize(this),
            compression, cancellationToken);

    /// <summary>
    /// Loads a ciphertext from untrusted bytes (full or seeded form, any compression), validating header, sizes,
    /// parms_id (a data level of <paramref name="context"/>), scale and every word before use.
    /// </summary>
    /// <exception cref="SealFormatException">The bytes are not a valid ciphertext for this context.</exception>
    public static Ciphertext Load(CkksContext context, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SealObjectIO.Load(data, CiphertextFormat.MaxMembersBytes(context), "Ciphertext",
            (ref SealReader r) => CiphertextFormat.Read(ref r, context, CiphertextFormat.LevelRule.DataLevel));
    }

    /// <summary>Loads a ciphertext from a stream (see <see cref="Load(CkksContext, ReadOnlyMemory{byte})"/>).</summary>
    public static ValueTask<Ciphertext> LoadAsync(CkksContext context, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SealObjectIO.LoadAsync(stream, CiphertextFormat.MaxMembersBytes(context), "Ciphertext",
            (ref SealReader r) => CiphertextFormat.Read(ref r, context, CiphertextFormat.LevelRule.DataLevel), cancellationToken);
    }
}
