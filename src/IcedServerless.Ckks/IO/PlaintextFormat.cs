using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks.IO;

/// <summary>SEAL's Plaintext members (parms_id, coeff_count, scale, DynArray), also used by SecretKey.</summary>
internal static class PlaintextFormat
{
    private const int FixedMembers = 32 + 8 + 8;
    private const int DynArrayOverhead = SealHeader.ByteCount + 8;

    public static long Size(int coeffCount) => SealHeader.ByteCount + FixedMembers + DynArrayOverhead + (8L * coeffCount);

    public static long MaxMembersBytes(CkksContext context) =>
        FixedMembers + DynArrayOverhead + (8L * context.PolyModulusDegree * context.KeyContextData.PrimeCount);

    public static void Write(SealWriter writer, ParmsId parmsId, double scale, ReadOnlySpan<ulong> words)
    {
        CiphertextFormat.WriteParmsId(writer, parmsId);
        writer.WriteUInt64((ulong)words.Length);
        writer.WriteDouble(scale);
        SealNested.WriteDynArrayHeader(writer, (ulong)words.Length);
        SealNested.WriteWords(writer, words);
    }

    /// <summary>Reads and validates; <paramref name="keyLevel"/> selects SecretKey rules (key level only).</summary>
    public static (ContextData Level, double Scale, ulong[] Words) Read(ref SealReader reader, CkksContext context, bool keyLevel)
    {
        var what = keyLevel ? "SecretKey" : "Plaintext";
        var parmsId = CiphertextFormat.ReadParmsId(ref reader, what + ".parms_id");
        if (parmsId.IsZero)
        {
            throw new SealFormatException($"{what} is not in NTT form (zero parms_id); CKKS plaintexts always are");
        }

        var level = context.TryGetContextData(parmsId)
            ?? throw new SealFormatException($"{what}.parms_id {parmsId} is not a level of these encryption parameters");
        var isKey = level.ChainIndex == context.KeyContextData.ChainIndex;
        if (keyLevel != isKey && context.UsingKeySwitching)
        {
            throw new SealFormatException(keyLevel
                ? $"SecretKey is at chain index {level.ChainIndex}; a secret key must be at the key level"
                : "Plaintext is at the key level; plaintexts must be at a data level");
        }

        var expected = (ulong)context.PolyModulusDegree * (ulong)level.PrimeCount;
        var coeffCount = reader.ReadUInt64(what + ".coeff_count");
        if (coeffCount != expected)
        {
            throw new SealFormatException($"{what}.coeff_count is {coeffCount}; its level needs {expected}");
        }

        var scale = reader.ReadDouble(what + ".scale");
        if (!level.IsScaleWithinBounds(scale))
        {
            throw new SealFormatException($"{what}.scale {scale} is out of bounds for a {level.TotalCoeffModulusBitCount}-bit level");
        }

        var count = SealNested.ReadDynArrayCount(ref reader, expected);
        if (count != expected)
        {
            throw new SealFormatException($"{what} data has {count} words; expected {expected}");
        }

        var words = new ulong[count];
        SealNested.ReadWords(ref reader, words);
        CiphertextFormat.ValidateWords(words, level, context.PolyModulusDegree, what);
        return (level, scale, words);
    }
}
