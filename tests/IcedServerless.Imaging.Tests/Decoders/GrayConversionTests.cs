using IcedServerless.Imaging.Decoders;
using IcedServerless.Imaging.Preprocessing;
using static IcedServerless.Imaging.Tests.Decoders.TestPatterns;

namespace IcedServerless.Imaging.Tests.Decoders;

/// <summary>The conversion of decoded images to the 8-bit gray the shared preprocessing takes.</summary>
public class GrayConversionTests
{
    private static byte Round(double fraction) => (byte)Math.Round(Math.Clamp(fraction, 0, 1) * 255, MidpointRounding.AwayFromZero);

    private static byte[] Expected(Func<int, int, byte> gray) => [.. Samples((x, y) => [gray(x, y)]).Select(v => (byte)v)];

    private static byte[] MinMax(Func<int, int, double> value, bool invert = false)
    {
        var all = Samples((x, y) => [0]).Select((_, i) => value(i % Width, i / Width)).ToArray();
        double min = all.Min(), max = all.Max();
        return Expected((x, y) =>
        {
            byte g = Round((value(x, y) - min) / (max - min));
            return invert ? (byte)(255 - g) : g;
        });
    }

    [Fact]
    public void Gray8Png_IsUnchanged() =>
        Assert.Equal(Expected((x, y) => (byte)G8(x, y)), PngDecoder.Decode(TestData.Png("gray8")).ToGray8().Pixels.ToArray());

    [Fact]
    public void LowBitDepth_ScalesToTheFullRange() =>
        Assert.Equal(Expected((x, y) => (byte)(GLow(x, y, 2) * 85)), PngDecoder.Decode(TestData.Png("gray2")).ToGray8().Pixels.ToArray());

    [Fact]
    public void Gray16Png_StretchesMinimumToBlackAndMaximumToWhite() =>
        Assert.Equal(MinMax((x, y) => G16(x, y)), PngDecoder.Decode(TestData.Png("gray16")).ToGray8().Pixels.ToArray());

    [Fact]
    public void Rgb8Png_UsesTheTrainingLuma()
    {
        var rgb = Samples(Rgb8).Select(v => (byte)v).ToArray();
        Assert.Equal(Grayscale.ToGray8(rgb, Width, Height, PixelFormat.Rgb24), PngDecoder.Decode(TestData.Png("rgb8")).ToGray8().Pixels.ToArray());
    }

    [Fact]
    public void GrayAlphaPng_CompositesOverBlackLikeTraining()
    {
        var rgba = Samples((x, y) => [G8(x, y), G8(x, y), G8(x, y), A8(x, y)]).Select(v => (byte)v).ToArray();
        var expected = Grayscale.ToGray8(rgba, Width, Height, PixelFormat.Rgba32);
        Assert.Equal(expected, PngDecoder.Decode(TestData.Png("graya8")).ToGray8().Pixels.ToArray());
        Assert.Contains(expected, v => v != 0);
    }

    [Fact]
    public void DicomWindow_FollowsTheStandardLinearFunction()
    {
        // PS3.3 C.11.2.1.2.1 with centre 40 and width 400, on modality values 0.5 × stored − 100.
        const double c = 40, w = 400;
        var expected = Expected((x, y) =>
        {
            double v = (Ct(x, y) * 0.5) - 100;
            return v <= c - 0.5 - ((w - 1) / 2) ? (byte)0
                : v > c - 0.5 + ((w - 1) / 2) ? (byte)255
                : Round(((v - (c - 0.5)) / (w - 1)) + 0.5);
        });
        var gray = DicomDecoder.Decode(TestData.Dicom("ct-implicit")).ToGray8().Pixels.ToArray();
        Assert.Equal(expected, gray);
        Assert.Contains(gray, v => v is > 0 and < 255);
    }

    [Fact]
    public void DicomWithoutWindow_UsesModalityMinMax() =>
        Assert.Equal(MinMax((x, y) => (Ct(x, y) * 0.5) - 100), DicomDecoder.Decode(TestData.Dicom("ct-no-window")).ToGray8().Pixels.ToArray());

    [Fact]
    public void Monochrome1_IsInvertedAfterMapping() =>
        Assert.Equal(MinMax((x, y) => Cr12(x, y), invert: true), DicomDecoder.Decode(TestData.Dicom("cr-mono1-12bit")).ToGray8().Pixels.ToArray());

    [Fact]
    public void NegativeSlope_SwapsWhichStoredExtremeIsBlack()
    {
        var image = new DecodedImage(ImageFileKind.Dicom, 3, 1, ColorModel.Gray, 12, [0, 100, 4000], rescale: new ModalityRescale(-1, 0));
        Assert.Equal([255, 249, 0], image.ToGray8().Pixels.ToArray());
    }

    [Fact]
    public void FlatImage_MapsToBlackWithoutDividingByZero()
    {
        var image = new DecodedImage(ImageFileKind.Png, 2, 2, ColorModel.Gray, 16, [500, 500, 500, 500]);
        Assert.Equal(new byte[4], image.ToGray8().Pixels.ToArray());
    }

    [Fact]
    public void SignedSamples_AreSignExtendedBeforeMapping()
    {
        // 0xFFF in 12 bits is −1, below 0x7FF (2047): so it is the minimum, black.
        var image = new DecodedImage(ImageFileKind.Dicom, 2, 1, ColorModel.Gray, 12, [0xFFF, 0x7FF], isSigned: true);
        Assert.Equal(-1, image.StoredValue(0));
        Assert.Equal([0, 255], image.ToGray8().Pixels.ToArray());
    }

    [Fact]
    public void GrayImagePreprocess_IsTheSharedFunction()
    {
        var spec = new PreprocessingSpec { InputSize = 8, Mean = 0.5, Std = 0.25 };
        var gray = PngDecoder.Decode(TestData.Png("gray8")).ToGray8();
        var viaImage = new double[64];
        var direct = new double[64];
        gray.Preprocess(spec, viaImage);
        ImagePreprocessor.Preprocess(Expected((x, y) => (byte)G8(x, y)), Width, Height, PixelFormat.Gray8, spec, direct);
        Assert.Equal(direct, viaImage);
    }

    [Fact]
    public void Constructor_RejectsSamplesWiderThanTheBitDepth() =>
        Assert.Throws<ArgumentException>(() => new DecodedImage(ImageFileKind.Png, 1, 1, ColorModel.Gray, 4, [16]));
}
