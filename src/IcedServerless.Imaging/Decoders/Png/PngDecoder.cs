namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// Decodes PNG files: every colour type (gray, RGB, palette, gray + alpha, RGBA), bit depths 1 to 16, tRNS
/// transparency and Adam7 interlacing. Chunk CRCs and order are checked, the image size is validated against
/// <see cref="DecoderLimits"/> before anything is allocated, and the image data is inflated to exactly the size the
/// header implies. Ancillary chunks (gamma, colour profiles, text) are skipped: samples are returned as stored.
/// </summary>
public static class PngDecoder
{
    private static readonly uint s_ihdr = PngChunkReader.TypeCode("IHDR");
    private static readonly uint s_plte = PngChunkReader.TypeCode("PLTE");
    private static readonly uint s_trns = PngChunkReader.TypeCode("tRNS");
    private static readonly uint s_idat = PngChunkReader.TypeCode("IDAT");
    private static readonly uint s_iend = PngChunkReader.TypeCode("IEND");

    /// <summary>Decodes a whole PNG file held in memory.</summary>
    /// <param name="data">The file's bytes; anything after the IEND chunk is ignored.</param>
    /// <param name="limits">Safety limits; <see cref="DecoderLimits.Default"/> when null.</param>
    /// <returns>The image, palette expanded to RGB(A) and any tRNS key turned into an alpha channel.</returns>
    /// <exception cref="ImageFormatException">The file is not a PNG, is corrupt or truncated, or exceeds a limit.</exception>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, DecoderLimits? limits = null)
    {
        limits ??= DecoderLimits.Default;
        limits.Validate();
        limits.CheckFileSize("PNG data", data.Length);
        var reader = new PngChunkReader(data);
        if (!reader.MoveNext(out uint type, out var body))
        {
            throw new ImageFormatException(ImageFormatError.Truncated, "The PNG ends after its signature.");
        }

        if (type != s_ihdr)
        {
            throw new ImageFormatException(ImageFormatError.CorruptData, "The PNG does not start with an IHDR chunk.");
        }

        var header = PngHeader.Parse(body, limits);
        var colours = new PngTransparency(header);
        using var idat = new MemoryStream();
        bool seenIdat = false, idatEnded = false, seenPlte = false, seenTrns = false;
        while (true)
        {
            int offset = reader.Position;
            if (!reader.MoveNext(out type, out body))
            {
                throw new ImageFormatException(ImageFormatError.Truncated, "The PNG ends before its IEND chunk.");
            }

            if (type == s_iend)
            {
                break;
            }

            if (type == s_idat)
            {
                if (idatEnded)
                {
                    throw new ImageFormatException(ImageFormatError.CorruptData,
                        $"The PNG has a second run of IDAT chunks at offset {offset}; they must be consecutive.");
                }

                idat.Write(body);
                seenIdat = true;
                continue;
            }

            idatEnded = seenIdat;
            if (type == s_ihdr || ((type == s_plte || type == s_trns) && (seenIdat || (type == s_plte ? seenPlte : seenTrns))))
            {
                throw new ImageFormatException(ImageFormatError.CorruptData,
                    $"The PNG chunk {PngChunkReader.TypeName(type)} at offset {offset} is repeated or comes after the image data.");
            }

            if (type == s_plte)
            {
                colours.ReadPalette(body);
                seenPlte = true;
            }
            else if (type == s_trns)
            {
                colours.ReadTransparency(body);
                seenTrns = true;
            }
            else if ((type & 0x20000000) == 0)
            {
                // Bit 5 of the first letter clear (upper case) marks a chunk needed to show the image correctly.
                throw new ImageFormatException(ImageFormatError.UnsupportedEncoding,
                    $"The PNG has an unknown critical chunk {PngChunkReader.TypeName(type)} at offset {offset}.");
            }
        }

        if (!seenIdat)
        {
            throw new ImageFormatException(ImageFormatError.CorruptData, "The PNG has no IDAT chunk.");
        }

        if (header.ColorType == PngHeader.Indexed && !colours.HasPalette)
        {
            throw new ImageFormatException(ImageFormatError.CorruptData, "The palette PNG has no PLTE chunk before its image data.");
        }

        return DecodePixels(header, colours, idat.ToArray());
    }

    private static DecodedImage DecodePixels(PngHeader header, PngTransparency colours, byte[] compressed)
    {
        byte[] raw = BoundedInflater.InflateZlibExactly(compressed, header.InflatedSize(), "The PNG image data");
        var writer = new PngSampleWriter(header, colours);
        int start = 0, passIndex = 0;
        foreach (var pass in Adam7.Passes(header))
        {
            int rowBytes = (int)header.RowBytes(pass.Width);
            var passData = raw.AsSpan(start, pass.Height * (rowBytes + 1));
            PngFilters.Unfilter(passData, pass.Height, rowBytes, header.FilterStride, passIndex);
            for (int y = 0; y < pass.Height; y++)
            {
                writer.WriteRow(passData.Slice((y * (rowBytes + 1)) + 1, rowBytes), pass, y);
            }

            start += passData.Length;
            passIndex++;
        }

        return new DecodedImage(ImageFileKind.Png, header.Width, header.Height, writer.Model, writer.BitDepth, writer.Samples);
    }
}
