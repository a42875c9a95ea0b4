using IcedServerless.Imaging.Numpy;
using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Tests.Shared;

namespace IcedServerless.Imaging.Tests.Preprocessing;

public class ImagePreprocessorTests
{
    private static readonly PreprocessingSpec Spec28 = new() { InputSize = 28, Mean = 0.5, Std = 0.25 };

    [Fact]
    public void Normalize_AppliesMeanAndStd()
    {
        var spec = new PreprocessingSpec { InputSize = 2, Mean = 0.5, Std = 0.25 };
        var result = new double[4];
        ImagePreprocessor.Normalize<byte>([0, 255, 51, 204], spec, result);
        Assert.Equal(-2, result[0], 12);
        Assert.Equal(2, result[1], 12);
        Assert.Equal(((51 / 255.0) - 0.5) / 0.25, result[2], 12);
        Assert.Equal(((204 / 255.0) - 0.5) / 0.25, result[3], 12);
    }

    [Fact]
    public async Task Preprocess_DataSetImageAtModelSize_EqualsNormalisingTheStoredBytes()
    {
        // The client pipeline and the training pipeline must feed the model identical values.
        using var npz = await NpzArchive.LoadAsync(TestRepository.PneumoniaMnist);
        var image = npz.Read("test_images").AsUInt8()[..784].ToArray();
        var viaClient = new double[784];
        var viaTraining = new double[784];
        ImagePreprocessor.Preprocess(image, 28, 28, PixelFormat.Gray8, Spec28, viaClient);
        ImagePreprocessor.Normalize<byte>(image, Spec28, viaTraining);
        Assert.Equal(viaTraining, viaClient);
    }

    [Fact]
    public void Preprocess_RgbImage_GraysCropsResizesAndRounds()
    {
        // 4×2 RGB: the centre 2×2 is pure red (gray 76); the sides are white and must be cropped away.
        var pixels = new byte[4 * 2 * 3];
        for (int p = 0; p < 8; p++)
        {
            bool side = p % 4 is 0 or 3;
            pixels[p * 3] = 255;
            pixels[(p * 3) + 1] = side ? (byte)255 : (byte)0;
            pixels[(p * 3) + 2] = side ? (byte)255 : (byte)0;
        }

        var spec = new PreprocessingSpec { InputSize = 1, Mean = 0, Std = 1 };
        var result = new double[1];
        ImagePreprocessor.Preprocess(pixels, 4, 2, PixelFormat.Rgb24, spec, result);
        Assert.Equal(76 / 255.0, result[0], 12);
    }

    [Fact]
    public void Preprocess_RoundsToGrayLevelsOnlyWhenAsked()
    {
        byte[] gray = [0, 1, 0, 0]; // 2×2 → 1×1 averages to 0.25
        var rounded = new double[1];
        var exact = new double[1];
        ImagePreprocessor.Preprocess(gray, 2, 2, PixelFormat.Gray8, new PreprocessingSpec { InputSize = 1, Mean = 0, Std = 1 }, rounded);
        ImagePreprocessor.Preprocess(gray, 2, 2, PixelFormat.Gray8, new PreprocessingSpec { InputSize = 1, Mean = 0, Std = 1, RoundToGrayLevels = false }, exact);
        Assert.Equal(0, rounded[0]);
        Assert.Equal(0.25 / 255, exact[0], 15);
    }

    [Theory]
    [InlineData(0, 0.5, 0.2)]
    [InlineData(28, -0.1, 0.2)]
    [InlineData(28, 0.5, 0)]
    [InlineData(28, double.NaN, 0.2)]
    public void InvalidSpec_Throws(int size, double mean, double std) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PreprocessingSpec { InputSize = size, Mean = mean, Std = std }.Validate());

    [Fact]
    public void Normalize_WrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => ImagePreprocessor.Normalize<byte>(new byte[10], Spec28, new double[784]));
}
