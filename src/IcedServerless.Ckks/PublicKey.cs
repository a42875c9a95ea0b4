using IcedServerless.Ckks.IO;
using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks;

/// <summary>A public key: a size-2 ciphertext of zero at the key level (SEAL's PublicKey format).</summary>
public sealed class PublicKey
{
    internal PublicKey(Ciphertext data) => Data = data;

    /// <summary>parms_id of the key level.</summary>
    public ParmsId ParmsId => Data.ParmsId;

    internal Ciphertext Data { get; }

    /// <summary>Serializes in full form.</summary>
    public byte[] Save(ComprModeType compression = ComprModeType.ZLib) =>
        SealObjectIO.Save(w => CiphertextFormat.Write(w, Data, seeded: false), CiphertextFormat.FullSize(Data), compression);

    /// <summary>Loads a public key (full or seeded form) from untrusted bytes.</summary>
    /// <exception cref="SealFormatException">The bytes are not a valid public key for this context.</exception>
    public static PublicKey Load(CkksContext context, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SealObjectIO.Load(data, CiphertextFormat.MaxMembersBytes(context), "PublicKey",
            (ref SealReader r) => new PublicKey(CiphertextFormat.Read(ref r, context, CiphertextFormat.LevelRule.KeyLevel)));
    }
}
