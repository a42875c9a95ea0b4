namespace IcedServerless.Imaging.Decoders;

/// <summary>The DICOM tags the decoder reads, as (group &lt;&lt; 16) | element.</summary>
internal static class DicomTag
{
    public const uint TransferSyntaxUid = 0x0002_0010;
    public const uint SamplesPerPixel = 0x0028_0002;
    public const uint PhotometricInterpretation = 0x0028_0004;
    public const uint PlanarConfiguration = 0x0028_0006;
    public const uint NumberOfFrames = 0x0028_0008;
    public const uint Rows = 0x0028_0010;
    public const uint Columns = 0x0028_0011;
    public const uint BitsAllocated = 0x0028_0100;
    public const uint BitsStored = 0x0028_0101;
    public const uint HighBit = 0x0028_0102;
    public const uint PixelRepresentation = 0x0028_0103;
    public const uint WindowCenter = 0x0028_1050;
    public const uint WindowWidth = 0x0028_1051;
    public const uint RescaleIntercept = 0x0028_1052;
    public const uint RescaleSlope = 0x0028_1053;
    public const uint PixelData = 0x7FE0_0010;

    /// <summary>An item of a sequence; like the two delimiters it never has a VR.</summary>
    public const uint Item = 0xFFFE_E000;
    public const uint ItemDelimitation = 0xFFFE_E00D;
    public const uint SequenceDelimitation = 0xFFFE_E0DD;

    /// <summary>The length that means "until a delimitation item".</summary>
    public const uint UndefinedLength = 0xFFFF_FFFF;

    /// <summary>Whether the decoder keeps the value of <paramref name="tag"/>.</summary>
    public static bool IsWanted(uint tag) =>
        tag is TransferSyntaxUid or SamplesPerPixel or PhotometricInterpretation or PlanarConfiguration or NumberOfFrames
            or Rows or Columns or BitsAllocated or BitsStored or HighBit or PixelRepresentation or WindowCenter
            or WindowWidth or RescaleIntercept or RescaleSlope or PixelData;

    /// <summary>The tag as the standard writes it, (gggg,eeee).</summary>
    public static string Format(uint tag) => $"({tag >> 16:X4},{tag & 0xFFFF:X4})";
}
