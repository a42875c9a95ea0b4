namespace IcedServerless.Imaging.Preprocessing;

/// <summary>
/// Converts pixels to 8-bit grayscale the way the training data sets were made: ITU-R 601-2 luma
/// (L = 0.299 R + 0.587 G + 0.114 B) in 16-bit fixed point with rounding, after flattening any alpha onto black.
/// </summary>
public static class Grayscale
{
    /// <summary>The name recorded in model files for this conversion.</summary>
    public const string MethodName = "itu-r-601-2-luma";

    /// <summary>The largest accepted image side, in pixels.</summary>
    public const int MaxSide = 16384;

    /// <summary>Bytes per pixel of <paramref name="format"/>.</summary>
    /// <param name="format">The pixel layout.</param>
    /// <returns>1, 3 or 4.</returns>
    public static int BytesPerPixel(PixelFormat format) => format switch
    {
        PixelFormat.Gray8 => 1,
        PixelFormat.Rgb24 => 3,
        PixelFormat.Rgba32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };

    /// <summary>Converts a pixel buffer to one gray byte per pixel.</summary>
    /// <param name="pixels">The pixels, row-major without padding.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="format">The layout of <paramref name="pixels"/>.</param>
    /// <returns>A new buffer of <c>width × height</c> gray values.</returns>
    /// <exception cref="ImageFormatException">The dimensions are invalid or disagree with the buffer length.</exception>
    public static byte[] ToGray8(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format)
    {
        int bpp = BytesPerPixel(format);
        ValidateDimensions(pixels.Length, width, height, bpp);
        var gray = new byte[width * height];
        if (format == PixelFormat.Gray8)
        {
            pixels.CopyTo(gray);
            return gray;
        }

        for (int i = 0, p = 0; i < gray.Length; i++, p += bpp)
        {
            int r = pixels[p], g = pixels[p + 1], b = pixels[p + 2];
            if (format == PixelFormat.Rgba32)
            {
                // Compositing over black is a multiplication by alpha, rounded to the nearest byte.
                int a = pixels[p + 3];
                r = ((r * a) + 127) / 255;
                g = ((g * a) + 127) / 255;
                b = ((b * a) + 127) / 255;
            }

            // 19595 + 38470 + 7471 = 65536: the 601-2 weights scaled by 2^16, so white stays 255.
            gray[i] = (byte)(((r * 19595) + (g * 38470) + (b * 7471) + 0x8000) >> 16);
        }

        return gray;
    }

    /// <summary>Checks that a buffer of <paramref name="length"/> bytes holds exactly the image described.</summary>
    internal static void ValidateDimensions(int length, int width, int height, int bytesPerPixel)
    {
        if (width is <= 0 or > MaxSide || height is <= 0 or > MaxSide)
        {
            throw new ImageFormatException(ImageFormatError.InvalidDimensions,
                $"Image dimensions {width}×{height} are outside 1..{MaxSide} pixels per side.");
        }

        long expected = (long)width * height * bytesPerPixel;
        if (length != expected)
        {
            throw new ImageFormatException(ImageFormatError.InvalidDimensions,
                $"A {width}×{height} image with {bytesPerPixel} bytes per pixel needs {expected} bytes, but the buffer has {length}.");
        }
    }
}
