using IcedServerless.Imaging.Decoders;
using static IcedServerless.Imaging.Tests.Decoders.TestPatterns;

namespace IcedServerless.Imaging.Tests.Decoders;

/// <summary>Decodes the committed PNGs (made by ImageMagick and netpbm from known patterns) and compares every sample.</summary>
public class PngDecoderTests
{
    private static DecodedImage Decode(string name) => PngDecoder.Decode(TestData.Png(name));

    private static void AssertImage(DecodedImage image, ColorModel model, int bitDepth, Func<int, int, int[]> pixel)
    {
        Assert.Equal((Width, Height), (image.Width, image.Height));
        Assert.Equal(model, image.ColorModel);
        Assert.Equal(bitDepth, image.BitDepth);
        Assert.Equal(ImageFileKind.Png, image.Format);
        Assert.False(image.IsSigned);
        Assert.Equal(Samples(pixel), TestData.ToInts(image.Samples));
    }

    [Theory]
    [InlineData("gray1", 1)]
    [InlineData("gray2", 2)]
    [InlineData("gray4", 4)]
    [InlineData("gray2-adam7", 2)]
    public void Gray_BelowEightBits_UnpacksEverySample(string name, int bits) =>
        AssertImage(Decode(name), ColorModel.Gray, bits, (x, y) => [GLow(x, y, bits)]);

    [Theory]
    [InlineData("gray8")]
    [InlineData("gray8-nofilter")]
    [InlineData("gray8-sub")]
    [InlineData("gray8-up")]
    [InlineData("gray8-avg")]
    [InlineData("gray8-paeth")]
    public void Gray8_EveryFilter_DecodesExactly(string name) =>
        AssertImage(Decode(name), ColorModel.Gray, 8, (x, y) => [G8(x, y)]);

    [Theory]
    [InlineData("gray16")]
    [InlineData("gray16-adam7-paeth")]
    public void Gray16_DecodesBigEndianSamples(string name) =>
        AssertImage(Decode(name), ColorModel.Gray, 16, (x, y) => [G16(x, y)]);

    [Theory]
    [InlineData("rgb8")]
    [InlineData("rgb8-adam7")]
    [InlineData("rgb8-adam7-avg")]
    public void Rgb8_PlainAndInterlaced_DecodeExactly(string name) =>
        AssertImage(Decode(name), ColorModel.Rgb, 8, Rgb8);

    [Theory]
    [InlineData("rgb16")]
    [InlineData("rgb16-nofilter")]
    [InlineData("rgb16-sub")]
    [InlineData("rgb16-up")]
    [InlineData("rgb16-avg")]
    [InlineData("rgb16-paeth")]
    public void Rgb16_EveryFilterWithSixBytePixels_DecodesExactly(string name) =>
        AssertImage(Decode(name), ColorModel.Rgb, 16, Rgb16);

    [Fact]
    public void GrayAlpha_8And16Bit_KeepAlpha()
    {
        AssertImage(Decode("graya8"), ColorModel.GrayAlpha, 8, (x, y) => [G8(x, y), A8(x, y)]);
        AssertImage(Decode("graya16"), ColorModel.GrayAlpha, 16, (x, y) => [G16(x, y), A16(x, y)]);
    }

    [Theory]
    [InlineData("rgba8")]
    [InlineData("rgba8-adam7")]
    public void Rgba8_DecodesColourAndAlpha(string name) =>
        AssertImage(Decode(name), ColorModel.Rgba, 8, (x, y) => [.. Rgb8(x, y), A8(x, y)]);

    [Fact]
    public void Rgba16_DecodesColourAndAlpha() =>
        AssertImage(Decode("rgba16"), ColorModel.Rgba, 16, (x, y) => [.. Rgb16(x, y), A16(x, y)]);

    [Theory]
    [InlineData("palette2-1", 2)]
    [InlineData("palette4-2", 4)]
    [InlineData("palette11-4", 11)]
    [InlineData("palette40-8", 40)]
    public void Palette_EveryIndexDepth_ExpandsToRgb(string name, int colours) =>
        AssertImage(Decode(name), ColorModel.Rgb, 8, (x, y) => Palette(PaletteIndex(x, y, colours)));

    [Fact]
    public void Palette_WithShortTrns_GainsAlphaPerEntryAndOpaqueRest() =>
        AssertImage(Decode("palette12-trns"), ColorModel.Rgba, 8,
            (x, y) => [.. Palette(PaletteIndex(x, y, 12)), PaletteAlpha(PaletteIndex(x, y, 12))]);

    [Fact]
    public void GrayColourKey_MakesExactlyThatLevelTransparent() =>
        AssertImage(Decode("gray8-trns"), ColorModel.GrayAlpha, 8, (x, y) => [G8(x, y), G8(x, y) == 77 ? 0 : 255]);

    [Fact]
    public void RgbColourKey_MakesExactlyThatColourTransparent() =>
        AssertImage(Decode("rgb8-trns"), ColorModel.Rgba, 8,
            (x, y) => [.. Rgb8(x, y), Rgb8(x, y).SequenceEqual([0x44, 0x42, 0x0F]) ? 0 : 255]);

    [Fact]
    public void TrnsKeys_HitSomePixelsButNotAll()
    {
        // Guards the two tests above against a key that matches nothing (which would make alpha trivially opaque).
        var gray = Decode("gray8-trns").Samples;
        int transparent = 0;
        for (int i = 1; i < gray.Length; i += 2)
        {
            transparent += gray[i] == 0 ? 1 : 0;
        }

        Assert.InRange(transparent, 1, (Width * Height) - 1);
    }
}
