namespace IcedServerless.Imaging.Decoders;

/// <summary>DICOM value representations as two-letter codes (first letter in the high byte).</summary>
internal static class DicomVr
{
    public const ushort SQ = ('S' << 8) | 'Q';
    public const ushort UN = ('U' << 8) | 'N';

    // PS3.5 table 6.2-1; the second list are those whose explicit-VR header has a 32-bit length.
    private static readonly HashSet<ushort> s_known = Codes(
        "AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV");

    private static readonly HashSet<ushort> s_longLength = Codes("OB OD OF OL OV OW SQ SV UC UN UR UT UV");

    /// <summary>The code of the two ASCII bytes at the start of <paramref name="bytes"/>.</summary>
    public static ushort Read(ReadOnlySpan<byte> bytes) => (ushort)((bytes[0] << 8) | bytes[1]);

    /// <summary>Whether <paramref name="code"/> is a VR the standard defines.</summary>
    public static bool IsKnown(ushort code) => s_known.Contains(code);

    /// <summary>Whether an explicit-VR element with this VR has 2 reserved bytes and a 32-bit length.</summary>
    public static bool HasLongLength(ushort code) => s_longLength.Contains(code);

    /// <summary>The two letters of a code, or its hex when they are not printable.</summary>
    public static string Name(ushort code)
    {
        char a = (char)(code >> 8), b = (char)(code & 0xFF);
        return char.IsAsciiLetterOrDigit(a) && char.IsAsciiLetterOrDigit(b) ? $"{a}{b}" : $"0x{code:X4}";
    }

    private static HashSet<ushort> Codes(string list) =>
        [.. list.Split(' ').Select(v => (ushort)((v[0] << 8) | v[1]))];
}
