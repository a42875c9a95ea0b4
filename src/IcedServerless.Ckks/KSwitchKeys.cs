using IcedServerless.Ckks.IO;
using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks;

/// <summary>
/// Key-switching keys in SEAL's KSwitchKeys format: a table of entries, each holding K-1 key-level ciphertexts
/// (one per data prime) or nothing. <see cref="RelinKeys"/> and <see cref="GaloisKeys"/> use this layout.
/// </summary>
public abstract class KSwitchKeys
{
    private readonly PublicKey[]?[] _entries;

    private protected KSwitchKeys(ParmsId parmsId, PublicKey[]?[] entries)
    {
        ParmsId = parmsId;
        _entries = entries;
    }

    /// <summary>parms_id of the key level.</summary>
    public ParmsId ParmsId { get; }

    /// <summary>Number of table slots (SEAL's dim1), including empty ones.</summary>
    public int TableSize => _entries.Length;

    /// <summary>Number of non-empty entries.</summary>
    public int KeyCount => _entries.Count(e => e is { Length: > 0 });

    internal PublicKey[]? Entry(int index) =>
        (uint)index < (uint)_entries.Length && _entries[index] is { Length: > 0 } e ? e : null;

    internal IEnumerable<int> PresentIndices() =>
        Enumerable.Range(0, _entries.Length).Where(i => _entries[i] is { Length: > 0 });

    /// <summary>Serializes in full form.</summary>
    public byte[] Save(ComprModeType compression = ComprModeType.ZLib) => Save(compression, seeded: false);

    internal byte[] Save(ComprModeType compression, bool seeded) =>
        SealObjectIO.Save(w => Write(w, seeded), EstimateSize(seeded), compression);

    private long EstimateSize(bool seeded)
    {
        long size = 64 + (8L * _entries.Length);
        foreach (var entry in _entries.Where(e => e is not null))
        {
            foreach (var key in entry!)
            {
                size += seeded ? CiphertextFormat.SeededSize(key.Data) : CiphertextFormat.FullSize(key.Data);
            }
        }

        return size;
    }

    private void Write(SealWriter writer, bool seeded)
    {
        CiphertextFormat.WriteParmsId(writer, ParmsId);
        writer.WriteUInt64((ulong)_entries.Length);
        foreach (var entry in _entries)
        {
            writer.WriteUInt64((ulong)(entry?.Length ?? 0));
            foreach (var key in entry ?? [])
            {
                var header = writer.BeginNested();
                CiphertextFormat.Write(writer, key.Data, seeded);
                writer.EndNested(header);
            }
        }
    }

    /// <summary>Reads the table, validating dimensions against the context before allocating for them.</summary>
    private protected static PublicKey[]?[] ReadEntries(ref SealReader reader, CkksContext context, int maxTableSize, string what)
    {
        if (!context.UsingKeySwitching)
        {
            throw new SealFormatException($"{what}: these parameters have a single prime, so there are no key-switching keys");
        }

        var parmsId = CiphertextFormat.ReadParmsId(ref reader, what + ".parms_id");
        if (parmsId != context.KeyParmsId)
        {
            throw new SealFormatException($"{what}.parms_id {parmsId} is not the key level of these parameters");
        }

        var dim1 = reader.ReadUInt64(what + " table size");
        if (dim1 > (ulong)maxTableSize || dim1 > (ulong)reader.Remaining / 8)
        {
            throw new SealFormatException($"{what} table size {dim1} exceeds the limit {maxTableSize} or the data");
        }

        var decompositionCount = (ulong)context.KeyContextData.PrimeCount - 1;
        var entries = new PublicKey[]?[dim1];
        for (var i = 0; i < entries.Length; i++)
        {
            var dim2 = reader.ReadUInt64($"{what}[{i}] key count");
            if (dim2 == 0)
            {
                continue;
            }

            if (dim2 != decompositionCount)
            {
                throw new SealFormatException($"{what}[{i}] has {dim2} key ciphertexts; these parameters need {decompositionCount}");
            }

            var keys = new PublicKey[dim2];
            for (var j = 0; j < keys.Length; j++)
            {
                var header = reader.ReadNestedHeader($"{what}[{i}][{j}]");
                var start = reader.Position;
                keys[j] = new PublicKey(CiphertextFormat.Read(ref reader, context, CiphertextFormat.LevelRule.KeyLevel));
                if ((ulong)(reader.Position - start + SealHeader.ByteCount) != header.Size)
                {
                    throw new SealFormatException($"{what}[{i}][{j}] header size {header.Size} does not match its contents");
                }
            }

            entries[i] = keys;
        }

        return entries;
    }
}

/// <summary>Relinearization keys; entry <c>power − 2</c> switches from s^power to s.</summary>
public sealed class RelinKeys : KSwitchKeys
{
    internal RelinKeys(ParmsId parmsId, PublicKey[]?[] entries)
        : base(parmsId, entries)
    {
    }

    /// <summary>The table index of the key for s^<paramref name="power"/>.</summary>
    public static int GetIndex(int power) => power - 2;

    /// <summary>True when the key for s^<paramref name="power"/> is present.</summary>
    public bool HasKey(int power) => Entry(GetIndex(power)) is not null;

    /// <summary>Loads relinearization keys (full or seeded form) from untrusted bytes.</summary>
    /// <exception cref="SealFormatException">The bytes are not valid relinearization keys for this context.</exception>
    public static RelinKeys Load(CkksContext context, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SealObjectIO.Load(data, Array.MaxLength, "RelinKeys", (ref SealReader r) =>
            new RelinKeys(context.KeyParmsId, ReadEntries(ref r, context, Ciphertext.MaxSize - 2, "RelinKeys")));
    }

    /// <summary>Loads relinearization keys from a stream.</summary>
    public static ValueTask<RelinKeys> LoadAsync(CkksContext context, Stream stream, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SealObjectIO.LoadAsync(stream, maxBytes, "RelinKeys", (ref SealReader r) =>
            new RelinKeys(context.KeyParmsId, ReadEntries(ref r, context, Ciphertext.MaxSize - 2, "RelinKeys")), cancellationToken);
    }
}

/// <summary>Galois keys; the entry for Galois element g is at index (g − 1)/2 of a table of N slots.</summary>
public sealed class GaloisKeys : KSwitchKeys
{
    internal GaloisKeys(ParmsId parmsId, PublicKey[]?[] entries)
        : base(parmsId, entries)
    {
    }

    /// <summary>The table index of Galois element <paramref name="galoisElement"/>.</summary>
    public static int GetIndex(ulong galoisElement) => (int)((galoisElement - 1) / 2);

    /// <summary>True when the key for <paramref name="galoisElement"/> is present.</summary>
    public bool HasKey(ulong galoisElement) => Entry(GetIndex(galoisElement)) is not null;

    /// <summary>The Galois elements that have keys.</summary>
    public IEnumerable<ulong> GaloisElements => PresentIndices().Select(i => (2UL * (ulong)i) + 1);

    /// <summary>Loads Galois keys (full or seeded form) from untrusted bytes.</summary>
    /// <exception cref="SealFormatException">The bytes are not valid Galois keys for this context.</exception>
    public static GaloisKeys Load(CkksContext context, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SealObjectIO.Load(data, Array.MaxLength, "GaloisKeys", (ref SealReader r) =>
            new GaloisKeys(context.KeyParmsId, ReadEntries(ref r, context, context.PolyModulusDegree, "GaloisKeys")));
    }

    /// <summary>Loads Galois keys from a stream, refusing objects larger than <paramref name="maxBytes"/>.</summary>
    public static ValueTask<GaloisKeys> LoadAsync(CkksContext context, Stream stream, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SealObjectIO.LoadAsync(stream, maxBytes, "GaloisKeys", (ref SealReader r) =>
            new GaloisKeys(context.KeyParmsId, ReadEntries(ref r, context, context.PolyModulusDegree, "GaloisKeys")), cancellationToken);
    }
}
