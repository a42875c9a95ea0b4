namespace IcedServerless.Imaging.Decoders;

/// <summary>One pass of a PNG image: the sub-image of pixels (X0 + i·Dx, Y0 + j·Dy).</summary>
internal readonly record struct PngPass(int X0, int Y0, int Dx, int Dy, int Width, int Height);

/// <summary>The PNG interlace geometry: seven Adam7 passes, or one pass covering the whole image.</summary>
internal static class Adam7
{
    // (x0, y0, dx, dy) of the seven passes, from the PNG specification's 8×8 pattern.
    private static readonly (int X0, int Y0, int Dx, int Dy)[] s_passes =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <summary>The non-empty passes of an image, in file order. Empty passes occupy no bytes at all.</summary>
    public static IEnumerable<PngPass> Passes(PngHeader header)
    {
        if (!header.Interlaced)
        {
            yield return new PngPass(0, 0, 1, 1, header.Width, header.Height);
            yield break;
        }

        foreach (var (x0, y0, dx, dy) in s_passes)
        {
            int w = (header.Width - x0 + dx - 1) / dx, h = (header.Height - y0 + dy - 1) / dy;
            if (w > 0 && h > 0)
            {
                yield return new PngPass(x0, y0, dx, dy, w, h);
            }
        }
    }
}
