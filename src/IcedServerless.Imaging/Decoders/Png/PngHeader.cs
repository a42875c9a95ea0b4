using System.Buffers.Binary;

namespace IcedServerless.Imaging.Decoders;

/// <summary>A validated PNG IHDR: dimensions, bit depth, colour type and interlace method.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, int ColorType, bool Interlaced)
{
    public const int Gray = 0, Truecolor = 2, Indexed = 3, GrayAlpha = 4, TruecolorAlpha = 6;

    /// <summary>Samples per pixel as stored in the image data (an index counts as one).</summary>
    public int StoredChannels => ColorType switch
    {
        Truecolor => 3,
        GrayAlpha => 2,
        TruecolorAlpha => 4,
        _ => 1,
    };

    /// <summary>The distance, in bytes, to the corresponding byte of the pixel to the left (at least 1).</summary>
    public int FilterStride => Math.Max(1, StoredChannels * BitDepth / 8);

    /// <summary>The bytes of one filtered row of <paramref name="width"/> pixels, without its filter-type byte.</summary>
    public long RowBytes(int width) => (((long)width * StoredChannels * BitDepth) + 7) / 8;

    /// <summary>The exact size of the inflated image data, filter-type bytes included, over all passes.</summary>
    public long InflatedSize()
    {
        long total = 0;
        foreach (var pass in Adam7.Passes(this))
        {
            total += pass.Height * (1 + RowBytes(pass.Width));
        }

        return total;
    }

    /// <summary>Parses and validates an IHDR body.</summary>
    /// <exception cref="ImageFormatException">A field is invalid, or the size exceeds <paramref name="limits"/>.</exception>
    public static PngHeader Parse(ReadOnlySpan<byte> body, DecoderLimits limits)
    {
        if (body.Length != 13)
        {
            throw new ImageFormatException(ImageFormatError.CorruptData, $"The PNG IHDR chunk has {body.Length} bytes; it must have 13.");
        }

        uint width = BinaryPrimitives.ReadUInt32BigEndian(body);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        int depth = body[8], colorType = body[9];
        limits.CheckDimensions("PNG", width, height);
        bool depthAllowed = colorType switch
        {
            Gray => depth is 1 or 2 or 4 or 8 or 16,
            Indexed => depth is 1 or 2 or 4 or 8,
            Truecolor or GrayAlpha or TruecolorAlpha => depth is 8 or 16,
            _ => throw new ImageFormatException(ImageFormatError.CorruptData,
                $"The PNG colour type {colorType} is not one of 0, 2, 3, 4, 6."),
        };
        if (!depthAllowed)
        {
            throw new ImageFormatException(ImageFormatError.CorruptData,
                $"The PNG bit depth {depth} is not allowed with colour type {colorType}.");
        }

        if (body[10] != 0 || body[11] != 0)
        {
            throw new ImageFormatException(ImageFormatError.UnsupportedEncoding,
                $"The PNG declares compression method {body[10]} and filter method {body[11]}; only 0 and 0 exist.");
        }

        if (body[12] > 1)
        {
            throw new ImageFormatException(ImageFormatError.UnsupportedEncoding,
                $"The PNG interlace method {body[12]} is neither 0 (none) nor 1 (Adam7).");
        }

        return new PngHeader((int)width, (int)height, depth, colorType, body[12] == 1);
    }
}
