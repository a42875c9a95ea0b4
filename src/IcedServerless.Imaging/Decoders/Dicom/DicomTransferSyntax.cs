namespace IcedServerless.Imaging.Decoders;

/// <summary>The transfer syntaxes the decoder reads, and a clear refusal naming any other.</summary>
internal readonly record struct DicomTransferSyntax(string Uid, bool ExplicitVr, bool Deflated)
{
    public const string ImplicitLittleEndianUid = "1.2.840.10008.1.2";
    public const string ExplicitLittleEndianUid = "1.2.840.10008.1.2.1";
    public const string DeflatedExplicitLittleEndianUid = "1.2.840.10008.1.2.1.99";

    public static DicomTransferSyntax ImplicitLittleEndian => new(ImplicitLittleEndianUid, false, false);

    public static DicomTransferSyntax ExplicitLittleEndian => new(ExplicitLittleEndianUid, true, false);

    /// <summary>Resolves a Transfer Syntax UID.</summary>
    /// <exception cref="ImageFormatException">The syntax is big-endian, compressed or unknown.</exception>
    public static DicomTransferSyntax FromUid(string uid) => uid switch
    {
        ImplicitLittleEndianUid => ImplicitLittleEndian,
        ExplicitLittleEndianUid => ExplicitLittleEndian,
        DeflatedExplicitLittleEndianUid => new(uid, true, true),
        _ => throw new ImageFormatException(ImageFormatError.UnsupportedEncoding,
            $"The DICOM transfer syntax {uid}{Describe(uid)} is not supported; only Implicit VR Little Endian "
            + $"({ImplicitLittleEndianUid}), Explicit VR Little Endian ({ExplicitLittleEndianUid}) and Deflated Explicit VR "
            + $"Little Endian ({DeflatedExplicitLittleEndianUid}) are."),
    };

    // Names for the syntaxes a hospital is likely to send, so the refusal says what the file is.
    private static string Describe(string uid) => uid switch
    {
        "1.2.840.10008.1.2.2" => " (Explicit VR Big Endian)",
        "1.2.840.10008.1.2.5" => " (RLE Lossless)",
        "1.2.840.10008.1.2.4.50" => " (JPEG Baseline)",
        "1.2.840.10008.1.2.4.51" => " (JPEG Extended)",
        "1.2.840.10008.1.2.4.57" or "1.2.840.10008.1.2.4.70" => " (JPEG Lossless)",
        "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81" => " (JPEG-LS)",
        "1.2.840.10008.1.2.4.90" or "1.2.840.10008.1.2.4.91" => " (JPEG 2000)",
        _ when uid.StartsWith("1.2.840.10008.1.2.4.", StringComparison.Ordinal) => " (a compressed syntax)",
        _ => string.Empty,
    };
}
