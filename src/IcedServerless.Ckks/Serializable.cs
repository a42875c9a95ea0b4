using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks;

/// <summary>
/// An object that can only be saved, in SEAL's compact seeded form: each uniformly random polynomial is replaced by
/// the 64-byte seed it was sampled from, halving the size (SEAL's <c>Serializable&lt;T&gt;</c>). Anyone who loads
/// the bytes regenerates the full object.
/// </summary>
/// <typeparam name="T">The wrapped object type.</typeparam>
public sealed class Serializable<T>
    where T : class
{
    private readonly Func<ComprModeType, byte[]> _save;

    internal Serializable(Func<ComprModeType, byte[]> save) => _save = save;

    /// <summary>Serializes in seeded form.</summary>
    public byte[] Save(ComprModeType compression = ComprModeType.ZLib) => _save(compression);

    /// <summary>Writes the seeded form to a stream.</summary>
    public async Task SaveAsync(Stream stream, ComprModeType compression = ComprModeType.ZLib, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(Save(compression), cancellationToken).ConfigureAwait(false);
    }
}
