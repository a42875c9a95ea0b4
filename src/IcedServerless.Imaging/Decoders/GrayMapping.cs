using IcedServerless.Imaging.Preprocessing;

namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// The sample-to-gray mapping behind <see cref="DecodedImage.ToGray8"/>. Samples have at most 16 bits, so each
/// mapping is tabulated once per image over every possible sample value and pixels then cost one lookup each.
/// </summary>
internal static class GrayMapping
{
    public static GrayImage ToGray8(DecodedImage image)
    {
        int pixels = image.Width * image.Height, channels = image.Channels;
        bool alpha = image.ColorModel is ColorModel.GrayAlpha or ColorModel.Rgba;
        int colours = alpha ? channels - 1 : channels;
        var samples = image.Samples;
        byte[] colourTable = BuildColourTable(image, colours);
        if (channels == 1)
        {
            var gray = new byte[pixels];
            for (int i = 0; i < pixels; i++)
            {
                gray[i] = colourTable[samples[i]];
            }

            return new GrayImage(image.Width, image.Height, gray);
        }

        // Colour and alpha are laid out as RGB or RGBA bytes so that the luma weights and the alpha compositing
        // are exactly the ones training used (Grayscale.ToGray8); gray+alpha becomes RGBA with equal colours.
        byte[] alphaTable = alpha ? FullRangeTable(image.BitDepth) : [];
        var format = alpha ? PixelFormat.Rgba32 : PixelFormat.Rgb24;
        int outChannels = alpha ? 4 : 3;
        var bytes = new byte[pixels * outChannels];
        for (int p = 0, s = 0, o = 0; p < pixels; p++, s += channels, o += outChannels)
        {
            if (colours == 1)
            {
                bytes[o] = bytes[o + 1] = bytes[o + 2] = colourTable[samples[s]];
            }
            else
            {
                bytes[o] = colourTable[samples[s]];
                bytes[o + 1] = colourTable[samples[s + 1]];
                bytes[o + 2] = colourTable[samples[s + 2]];
            }

            if (alpha)
            {
                bytes[o + 3] = alphaTable[samples[s + colours]];
            }
        }

        return new GrayImage(image.Width, image.Height, Grayscale.ToGray8(bytes, image.Width, image.Height, format));
    }

    private static byte[] BuildColourTable(DecodedImage image, int colours)
    {
        byte[] table;
        if (image.Window is null && image.BitDepth <= 8 && !image.IsSigned && image.Rescale.IsIdentity)
        {
            table = FullRangeTable(image.BitDepth);
        }
        else
        {
            Func<double, double> toFraction = image.Window is { } window ? window.Map : MinMaxOf(image, colours);
            table = new byte[1 << image.BitDepth];
            for (int v = 0; v < table.Length; v++)
            {
                table[v] = ToByte(toFraction(image.Rescale.Apply(image.SignExtend((ushort)v))));
            }
        }

        if (image.ColorModel == ColorModel.InvertedGray)
        {
            foreach (ref byte b in table.AsSpan())
            {
                b = (byte)(255 - b);
            }
        }

        return table;
    }

    /// <summary><c>v × 255 / (2^bits − 1)</c>, rounded: the exact widening or narrowing to 8 bits.</summary>
    private static byte[] FullRangeTable(int bits)
    {
        int max = (1 << bits) - 1;
        var table = new byte[max + 1];
        for (int v = 0; v <= max; v++)
        {
            table[v] = (byte)(((v * 255) + (max / 2)) / max);
        }

        return table;
    }

    /// <summary>The linear map from the smallest to the largest modality value of the colour samples.</summary>
    private static Func<double, double> MinMaxOf(DecodedImage image, int colours)
    {
        int channels = image.Channels, lo = int.MaxValue, hi = int.MinValue;
        var samples = image.Samples;
        for (int s = 0; s < samples.Length; s += channels)
        {
            for (int c = 0; c < colours; c++)
            {
                int v = image.SignExtend(samples[s + c]);
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        // A negative slope swaps which stored extreme is the modality minimum.
        double a = image.Rescale.Apply(lo), b = image.Rescale.Apply(hi);
        double min = Math.Min(a, b), range = Math.Max(a, b) - min;

        // A flat image has no contrast to stretch; it maps to black rather than dividing by zero.
        return range == 0 ? _ => 0 : x => (x - min) / range;
    }

    private static byte ToByte(double fraction) =>
        (byte)Math.Round(Math.Clamp(fraction, 0, 1) * 255, MidpointRounding.AwayFromZero);
}
