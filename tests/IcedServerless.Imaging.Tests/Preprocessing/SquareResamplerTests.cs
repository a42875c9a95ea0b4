using IcedServerless.Imaging.Preprocessing;

namespace IcedServerless.Imaging.Tests.Preprocessing;

public class SquareResamplerTests
{
    private static double[] Resize(byte[] gray, int width, int height, int size)
    {
        var result = new double[size * size];
        SquareResampler.CropAndResize(gray, width, height, size, result);
        return result;
    }

    [Fact]
    public void SameSize_IsIdentity()
    {
        var gray = Enumerable.Range(0, 9).Select(i => (byte)(i * 20)).ToArray();
        Assert.Equal(gray.Select(b => (double)b), Resize(gray, 3, 3, 3));
    }

    [Fact]
    public void IntegerFactor_AveragesBlocks()
    {
        byte[] gray =
        [
            0, 2, 10, 10,
            4, 6, 10, 30,
            100, 100, 1, 1,
            100, 100, 1, 1,
        ];
        Assert.Equal([3.0, 15.0, 100.0, 1.0], Resize(gray, 4, 4, 2));
    }

    [Fact]
    public void FractionalFactor_WeightsPartialPixelsByCoveredArea()
    {
        // 3 → 2: output 0 covers source [0, 1.5) so weights 2/3 and 1/3; output 1 covers [1.5, 3): 1/3 and 2/3.
        // Only corner pixels are non-zero, so each output sees one of them with weight (2/3)².
        byte[] gray =
        [
            90, 0, 30,
            0, 0, 0,
            0, 0, 60,
        ];
        var r = Resize(gray, 3, 3, 2);
        double w0 = 2.0 / 3;
        Assert.Equal(w0 * w0 * 90, r[0], 12);
        Assert.Equal(w0 * w0 * 30, r[1], 12); // column 2 carries 2/3 of output column 1
        Assert.Equal(0, r[2], 12);
        Assert.Equal(w0 * w0 * 60, r[3], 12);
    }

    [Fact]
    public void NonSquare_CropsTheCentre()
    {
        // 6 wide, 4 high: the 4×4 centre starts at column 1; columns 0 and 5 (value 255) must not leak in.
        var gray = new byte[24];
        for (int y = 0; y < 4; y++)
        {
            gray[y * 6] = 255;
            gray[(y * 6) + 5] = 255;
            for (int x = 1; x < 5; x++)
            {
                gray[(y * 6) + x] = (byte)((y * 4) + x);
            }
        }

        var r = Resize(gray, 6, 4, 4);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (double)((i / 4 * 4) + (i % 4) + 1)), r);

        var tall = Resize(gray.ToArray(), 4, 6, 2);
        Assert.Equal(4, tall.Length);
    }

    [Theory]
    [InlineData(97, 61, 28)]
    [InlineData(28, 28, 64)]
    [InlineData(1000, 800, 28)]
    public void ConstantImage_StaysConstant(int width, int height, int size)
    {
        var gray = Enumerable.Repeat((byte)77, width * height).ToArray();
        Assert.All(Resize(gray, width, height, size), v => Assert.Equal(77, v, 9));
    }

    [Fact]
    public void Downscale_PreservesTheMeanOfTheCrop()
    {
        var rng = new Random(5);
        var gray = new byte[50 * 50];
        rng.NextBytes(gray);
        double mean = gray.Average(b => (double)b);
        Assert.Equal(mean, Resize(gray, 50, 50, 28).Average(), 9);
    }

    [Fact]
    public void WrongDestinationLength_Throws() =>
        Assert.Throws<ArgumentException>(() => SquareResampler.CropAndResize(new byte[4], 2, 2, 2, new double[3]));
}
