using IcedServerless.Imaging.Decoders;
using static IcedServerless.Imaging.Tests.Decoders.TestPatterns;

namespace IcedServerless.Imaging.Tests.Decoders;

/// <summary>Decodes the committed DICOM files (made by DCMTK from known patterns) and compares every value.</summary>
public class DicomDecoderTests
{
    private static DecodedImage Decode(string name) => DicomDecoder.Decode(TestData.Dicom(name));

    private static int[] StoredValues(DecodedImage image) =>
        [.. Enumerable.Range(0, image.Samples.Length).Select(image.StoredValue)];

    [Theory]
    [InlineData("ct-explicit-undefined-lengths")]
    [InlineData("ct-explicit-defined-lengths")]
    [InlineData("ct-implicit")]
    [InlineData("ct-deflated")]
    [InlineData("ct-raw-implicit")]
    [InlineData("ct-raw-explicit")]
    public void SignedCt_EverySupportedSyntax_DecodesValuesRescaleAndFirstWindow(string name)
    {
        var image = Decode(name);

        // 37×23 from the top level, not the 2×2 of the icon image sequence that follows the pixel module.
        Assert.Equal((Width, Height, ColorModel.Gray, 16), (image.Width, image.Height, image.ColorModel, image.BitDepth));
        Assert.Equal(ImageFileKind.Dicom, image.Format);
        Assert.True(image.IsSigned);
        Assert.Equal(Samples((x, y) => [Ct(x, y)]), StoredValues(image));
        Assert.Equal(new ModalityRescale(0.5, -100), image.Rescale);
        Assert.Equal(new VoiWindow(40, 400), image.Window);
        Assert.Equal((Ct(5, 7) * 0.5) - 100, image.ModalityValue((7 * Width) + 5));
    }

    [Fact]
    public void WindowRemovedByDcmodify_IsAbsent()
    {
        var image = Decode("ct-no-window");
        Assert.Null(image.Window);
        Assert.Equal(Samples((x, y) => [Ct(x, y)]), StoredValues(image));
    }

    [Fact]
    public void Monochrome1_12Of16Bits_KeepsStoredValuesAndInversion()
    {
        var image = Decode("cr-mono1-12bit");
        Assert.Equal((ColorModel.InvertedGray, 12, false), (image.ColorModel, image.BitDepth, image.IsSigned));
        Assert.Equal(ModalityRescale.Identity, image.Rescale);
        Assert.Null(image.Window);
        Assert.Equal(Samples((x, y) => [Cr12(x, y)]), TestData.ToInts(image.Samples));
    }

    [Fact]
    public void HighBitAboveBitsStored_ShiftsAndMasksOutTheOtherBits()
    {
        var image = Decode("cr-12bit-highbit13");
        Assert.Equal((ColorModel.Gray, 12), (image.ColorModel, image.BitDepth));
        Assert.Equal(Samples((x, y) => [Cr12(x, y)]), TestData.ToInts(image.Samples));
    }

    [Fact]
    public void MultiFrame_TakesTheFirstFrame()
    {
        var image = Decode("mono2-8bit-2frames");
        Assert.Equal((ColorModel.Gray, 8), (image.ColorModel, image.BitDepth));
        Assert.Equal(Samples((x, y) => [G8(x, y)]), TestData.ToInts(image.Samples));
    }

    [Theory]
    [InlineData("rgb-img2dcm")]
    [InlineData("rgb-planar")]
    public void Rgb_InterleavedAndPlanar_DecodeToInterleavedPixels(string name)
    {
        var image = Decode(name);
        Assert.Equal((ColorModel.Rgb, 8), (image.ColorModel, image.BitDepth));
        Assert.Equal(ModalityRescale.Identity, image.Rescale);
        Assert.Equal(Samples(Rgb8), TestData.ToInts(image.Samples));
    }

    [Theory]
    [InlineData("ct-big-endian", "1.2.840.10008.1.2.2")]
    [InlineData("ct-rle", "1.2.840.10008.1.2.5")]
    public void UnsupportedSyntax_IsRefusedNamingTheUid(string name, string uid)
    {
        var ex = Assert.Throws<ImageFormatException>(() => Decode(name));
        Assert.Equal(ImageFormatError.UnsupportedEncoding, ex.Error);
        Assert.Contains(uid, ex.Message, StringComparison.Ordinal);
    }
}
