namespace IcedServerless.Imaging.Tests.Decoders;

/// <summary>
/// The closed-form pixel patterns of the committed test images: the same formulas as Data/patterns.py, which
/// produced the raw input the real encoders turned into PNG and DICOM files.
/// </summary>
internal static class TestPatterns
{
    public const int Width = 37, Height = 23;

    public static int G8(int x, int y) => ((7 * x) + (11 * y)) % 256;

    public static int G16(int x, int y) => ((1733 * x) + (2579 * y)) % 65536;

    public static int GLow(int x, int y, int bits) => (x + (3 * y)) % (1 << bits);

    public static int[] Rgb8(int x, int y) => [((13 * x) + y) % 256, ((17 * y) + (3 * x)) % 256, x * y % 256];

    public static int[] Rgb16(int x, int y) => [((1733 * x) + (97 * y)) % 65536, ((2579 * y) + x) % 65536, 131 * x * y % 65536];

    public static int A8(int x, int y) => ((5 * x) + (9 * y)) % 256;

    public static int A16(int x, int y) => ((3001 * x) + (4001 * y)) % 65536;

    public static int[] Palette(int i) => [37 * i % 256, ((91 * i) + 17) % 256, ((53 * i) + 111) % 256];

    public static int PaletteIndex(int x, int y, int n) => (x + (2 * y)) % n;

    public static int PaletteAlpha(int i) => (i % 5) switch { 0 => 0, 1 => 128, _ => 255 };

    public static int Ct(int x, int y) => (((211 * x) + (97 * y)) % 4096) - 1024;

    public static int Cr12(int x, int y) => ((101 * x) + (37 * y)) % 4096;

    /// <summary>Builds the expected interleaved samples from a per-pixel function.</summary>
    public static int[] Samples(Func<int, int, int[]> pixel)
    {
        var result = new List<int>(Width * Height * 4);
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                result.AddRange(pixel(x, y));
            }
        }

        return [.. result];
    }
}
