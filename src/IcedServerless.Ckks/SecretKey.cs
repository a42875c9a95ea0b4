using System.Security.Cryptography;
using IcedServerless.Ckks.IO;
using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks;

/// <summary>
/// The secret key: a ternary polynomial in NTT form over all K primes (SEAL's SecretKey format). It must never leave
/// the client: the service has no API that accepts one. <see cref="Dispose"/> wipes it from memory.
/// </summary>
public sealed class SecretKey : IDisposable
{
    private readonly ulong[] _data;
    private bool _disposed;

    internal SecretKey(ContextData keyLevel, int polyModulusDegree, ulong[] data)
    {
        ParmsId = keyLevel.ParmsId;
        PolyModulusDegree = polyModulusDegree;
        _data = data;
    }

    /// <summary>parms_id of the key level.</summary>
    public ParmsId ParmsId { get; }

    /// <summary>N.</summary>
    public int PolyModulusDegree { get; }

    internal ReadOnlySpan<ulong> Data
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _data;
        }
    }

    /// <summary>Block <paramref name="prime"/> of the secret (its residues modulo that prime, NTT form).</summary>
    internal ReadOnlySpan<ulong> Block(int prime) => Data.Slice(prime * PolyModulusDegree, PolyModulusDegree);

    /// <summary>Serializes in SEAL's SecretKey format, for the client's own key file only.</summary>
    public byte[] Save(ComprModeType compression = ComprModeType.None) =>
        SealObjectIO.Save(w => PlaintextFormat.Write(w, ParmsId, 1.0, Data), PlaintextFormat.Size(_data.Length), compression);

    /// <summary>Loads a secret key (e.g. one made by SEAL) for <paramref name="context"/>.</summary>
    /// <exception cref="SealFormatException">The bytes are not a valid secret key for this context.</exception>
    public static SecretKey Load(CkksContext context, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SealObjectIO.Load(data, PlaintextFormat.MaxMembersBytes(context), "SecretKey", (ref SealReader r) =>
        {
            var (level, _, words) = PlaintextFormat.Read(ref r, context, keyLevel: true);
            return new SecretKey(level, context.PolyModulusDegree, words);
        });
    }

    /// <summary>Overwrites the key material with zeros.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_data.AsSpan()));
            _disposed = true;
        }
    }

    /// <summary>Never prints key material.</summary>
    public override string ToString() => $"SecretKey(parms_id {ParmsId})";
}
