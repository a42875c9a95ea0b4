using System.Buffers.Binary;

namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// Turns the image pixel module of a dataset into a <see cref="DecodedImage"/> of its first frame: validates every
/// field and the Pixel Data length against them (and the limits) before allocating, then extracts the stored bits.
/// </summary>
internal static class DicomPixelDecoder
{
    public static DecodedImage Decode(DicomAttributes attributes, DecoderLimits limits)
    {
        int rows = attributes.UnsignedShort(DicomTag.Rows), columns = attributes.UnsignedShort(DicomTag.Columns);
        limits.CheckDimensions("DICOM", columns, rows);
        int samplesPerPixel = attributes.UnsignedShort(DicomTag.SamplesPerPixel, 1);
        string photometric = attributes.Text(DicomTag.PhotometricInterpretation)
            ?? throw Corrupt("The DICOM dataset has no Photometric Interpretation (0028,0004).");
        var model = (photometric, samplesPerPixel) switch
        {
            ("MONOCHROME2", 1) => ColorModel.Gray,
            ("MONOCHROME1", 1) => ColorModel.InvertedGray,
            ("RGB", 3) => ColorModel.Rgb,
            ("MONOCHROME1" or "MONOCHROME2" or "RGB", _) => throw Corrupt(
                $"The DICOM Photometric Interpretation {photometric} does not go with {samplesPerPixel} samples per pixel."),
            _ => throw new ImageFormatException(ImageFormatError.UnsupportedEncoding,
                $"The DICOM Photometric Interpretation \"{photometric}\" is not supported; only MONOCHROME1, MONOCHROME2 and RGB are."),
        };

        var bits = ReadBits(attributes);
        bool planar = model == ColorModel.Rgb && attributes.UnsignedShort(DicomTag.PlanarConfiguration, 0) switch
        {
            0 => false,
            1 => true,
            int p => throw Corrupt($"The DICOM Planar Configuration is {p}; it must be 0 or 1."),
        };
        int frames = attributes.Integer(DicomTag.NumberOfFrames) ?? 1;
        if (frames < 1)
        {
            throw Corrupt($"The DICOM Number of Frames is {frames}; it must be at least 1.");
        }

        if (!attributes.TryGetBytes(DicomTag.PixelData, out var pixelData))
        {
            throw Corrupt("The DICOM dataset has no Pixel Data (7FE0,0010).");
        }

        long samples = (long)rows * columns * samplesPerPixel;
        long frameBytes = samples * (bits.Allocated / 8);
        if (pixelData.Length < frameBytes * frames)
        {
            throw new ImageFormatException(ImageFormatError.Truncated,
                $"The DICOM Pixel Data has {pixelData.Length} bytes, but {frames} frame(s) of {columns}×{rows}×{samplesPerPixel} "
                + $"samples at {bits.Allocated} bits need {frameBytes * frames}.");
        }

        var output = new ushort[samples];
        Extract(pixelData[..(int)frameBytes], bits, planar ? samplesPerPixel : 1, output);

        // Rescale and window describe gray values; for RGB the standard does not apply them.
        bool gray = model != ColorModel.Rgb;
        return new DecodedImage(ImageFileKind.Dicom, columns, rows, model, bits.Stored, output, bits.Signed,
            gray ? ReadRescale(attributes) : null, gray ? ReadWindow(attributes) : null);
    }

    private static PixelBits ReadBits(DicomAttributes attributes)
    {
        int allocated = attributes.UnsignedShort(DicomTag.BitsAllocated);
        if (allocated is not (8 or 16))
        {
            throw new ImageFormatException(ImageFormatError.UnsupportedEncoding,
                $"The DICOM Bits Allocated is {allocated}; only 8 and 16 are supported.");
        }

        int stored = attributes.UnsignedShort(DicomTag.BitsStored, allocated);
        int highBit = attributes.UnsignedShort(DicomTag.HighBit, stored - 1);
        int representation = attributes.UnsignedShort(DicomTag.PixelRepresentation, 0);
        if (stored < 1 || stored > allocated || highBit < stored - 1 || highBit >= allocated || representation > 1)
        {
            throw Corrupt($"The DICOM pixel layout is inconsistent: Bits Allocated {allocated}, Bits Stored {stored}, "
                + $"High Bit {highBit}, Pixel Representation {representation}.");
        }

        return new PixelBits(allocated, stored, highBit + 1 - stored, representation == 1);
    }

    /// <summary>Copies the stored bits of each sample, reordering colour planes into interleaved pixels.</summary>
    private static void Extract(ReadOnlySpan<byte> frame, PixelBits bits, int planes, ushort[] output)
    {
        int mask = (1 << bits.Stored) - 1, perPlane = output.Length / planes;
        for (int i = 0; i < output.Length; i++)
        {
            int raw = bits.Allocated == 8 ? frame[i] : BinaryPrimitives.ReadUInt16LittleEndian(frame[(2 * i)..]);

            // Planes hold one channel each: sample i is channel i / perPlane of pixel i mod perPlane.
            int target = planes == 1 ? i : ((i % perPlane) * planes) + (i / perPlane);
            output[target] = (ushort)((raw >> bits.Shift) & mask);
        }
    }

    private static ModalityRescale ReadRescale(DicomAttributes attributes) =>
        new(attributes.Decimal(DicomTag.RescaleSlope) ?? 1, attributes.Decimal(DicomTag.RescaleIntercept) ?? 0);

    private static VoiWindow? ReadWindow(DicomAttributes attributes)
    {
        double? center = attributes.Decimal(DicomTag.WindowCenter), width = attributes.Decimal(DicomTag.WindowWidth);
        if (center is null || width is null)
        {
            return null;
        }

        return width >= 1
            ? new VoiWindow(center.Value, width.Value)
            : throw Corrupt($"The DICOM Window Width is {width}; it must be at least 1.");
    }

    private static ImageFormatException Corrupt(string message) => new(ImageFormatError.CorruptData, message);

    /// <summary>Bits Allocated, Bits Stored, the right shift that puts the high bit at Stored − 1, and signedness.</summary>
    private readonly record struct PixelBits(int Allocated, int Stored, int Shift, bool Signed);
}
