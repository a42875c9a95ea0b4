using IcedServerless.Imaging.Preprocessing;

namespace IcedServerless.Imaging.Tests.Preprocessing;

public class GrayscaleTests
{
    [Theory]
    [InlineData(255, 255, 255, 255)]
    [InlineData(0, 0, 0, 0)]
    [InlineData(255, 0, 0, 76)]   // 0.299 × 255 = 76.2
    [InlineData(0, 255, 0, 150)]  // 0.587 × 255 = 149.7
    [InlineData(0, 0, 255, 29)]   // 0.114 × 255 = 29.1
    [InlineData(100, 100, 100, 100)]
    public void ToGray8_Rgb_UsesItu601Weights(byte r, byte g, byte b, byte expected) =>
        Assert.Equal([expected], Grayscale.ToGray8([r, g, b], 1, 1, PixelFormat.Rgb24));

    [Fact]
    public void ToGray8_Rgba_FlattensOntoBlack()
    {
        byte[] pixels = [255, 255, 255, 0, 255, 255, 255, 255, 200, 200, 200, 128];
        Assert.Equal([0, 255, 100], Grayscale.ToGray8(pixels, 3, 1, PixelFormat.Rgba32));
    }

    [Fact]
    public void ToGray8_Gray_IsCopied()
    {
        byte[] pixels = [1, 2, 3, 4, 5, 6];
        var gray = Grayscale.ToGray8(pixels, 3, 2, PixelFormat.Gray8);
        Assert.Equal(pixels, gray);
        Assert.NotSame(pixels, gray);
    }

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(2, 2, 3)]
    [InlineData(20000, 1, 20000)]
    [InlineData(-1, 1, 0)]
    public void ToGray8_BadDimensions_ThrowsInvalidDimensions(int width, int height, int length)
    {
        var ex = Assert.Throws<ImageFormatException>(() => Grayscale.ToGray8(new byte[length], width, height, PixelFormat.Gray8));
        Assert.Equal(ImageFormatError.InvalidDimensions, ex.Error);
    }

    [Fact]
    public void ToGray8_RgbBufferOfGraySize_Throws() =>
        Assert.Throws<ImageFormatException>(() => Grayscale.ToGray8(new byte[4], 2, 2, PixelFormat.Rgb24));
}
