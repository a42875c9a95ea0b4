namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// Decodes the first frame of a DICOM image: Part 10 files (128-byte preamble, "DICM", File Meta Information) and raw
/// datasets, in Implicit VR Little Endian, Explicit VR Little Endian or Deflated Explicit VR Little Endian.
/// MONOCHROME1, MONOCHROME2 and RGB (interleaved or planar), 8 or 16 bits allocated, signed or unsigned, with the
/// modality rescale and the first VOI window carried on the result. Compressed and big-endian syntaxes are refused
/// with a message naming the syntax UID.
/// </summary>
public static class DicomDecoder
{
    private static ReadOnlySpan<byte> Magic => "DICM"u8;

    /// <summary>Whether <paramref name="data"/> starts like a DICOM file: "DICM" after a 128-byte preamble (or at
    /// the very start), or a raw dataset whose first element is in group 0002 or 0008.</summary>
    /// <param name="data">At least the first 132 bytes of the file, when it has them.</param>
    /// <returns>True when the bytes look like DICOM.</returns>
    public static bool LooksLikeDicom(ReadOnlySpan<byte> data)
    {
        if ((data.Length >= 132 && data.Slice(128, 4).SequenceEqual(Magic)) || data.StartsWith(Magic))
        {
            return true;
        }

        // A raw dataset starts with its lowest tag: file meta (0002) or identification (0008), element below 0x0100.
        return data.Length >= 8 && data[0] is 0x02 or 0x08 && data[1] == 0 && data[3] == 0;
    }

    /// <summary>Decodes the first frame of a DICOM file or raw dataset held in memory.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="limits">Safety limits; <see cref="DecoderLimits.Default"/> when null.</param>
    /// <returns>The image with its rescale and window.</returns>
    /// <exception cref="ImageFormatException">The data is malformed, truncated, unsupported or exceeds a limit.</exception>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, DecoderLimits? limits = null)
    {
        limits ??= DecoderLimits.Default;
        limits.Validate();
        limits.CheckFileSize("DICOM data", data.Length);
        bool part10 = data.Length >= 132 && data.Slice(128, 4).SequenceEqual(Magic);
        int start = part10 ? 132 : data.StartsWith(Magic) ? 4 : 0;
        var meta = new DicomDatasetReader(data, start);
        string? uid = meta.ReadMetaGroup();
        var rest = data[meta.Position..];
        DicomTransferSyntax syntax;
        if (uid is not null)
        {
            syntax = DicomTransferSyntax.FromUid(uid);
        }
        else if (start != 0)
        {
            throw new ImageFormatException(ImageFormatError.CorruptData,
                "The DICOM file's meta information has no Transfer Syntax UID (0002,0010).");
        }
        else
        {
            // A raw dataset does not say its syntax: an explicit VR shows as two letters after the first tag.
            syntax = rest.Length >= 6 && DicomVr.IsKnown(DicomVr.Read(rest[4..]))
                ? DicomTransferSyntax.ExplicitLittleEndian
                : DicomTransferSyntax.ImplicitLittleEndian;
        }

        if (syntax.Deflated)
        {
            byte[] inflated = BoundedInflater.InflateRawBounded(rest, limits.MaxFileBytes, "The deflated DICOM dataset");
            return DecodeDataset(inflated, syntax, limits);
        }

        return DecodeDataset(rest, syntax, limits);
    }

    private static DecodedImage DecodeDataset(ReadOnlySpan<byte> dataset, DicomTransferSyntax syntax, DecoderLimits limits)
    {
        var attributes = new DicomDatasetReader(dataset, 0).ReadDataset(syntax.ExplicitVr);
        return DicomPixelDecoder.Decode(attributes, limits);
    }
}
