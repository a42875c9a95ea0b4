using IcedServerless.Model.Training;

namespace IcedServerless.Model.Tests.Training;

public class AugmenterTests
{
    private static byte[] Gradient(int size) => [.. Enumerable.Range(0, size * size).Select(i => (byte)((i % size) * 10))];

    [Fact]
    public void NoAugmentation_ReturnsTheImage()
    {
        var image = Gradient(6);
        var result = new double[36];
        new Augmenter(AugmentationOptions.None).Augment(image, 6, new DeterministicRandom(1), result);
        Assert.Equal(image.Select(b => (double)b), result);
    }

    [Fact]
    public void SameSeed_SameAugmentation_DifferentSeed_Different()
    {
        var image = Gradient(8);
        var augmenter = new Augmenter(new AugmentationOptions());
        double[] Run(ulong seed)
        {
            var r = new double[64];
            augmenter.Augment(image, 8, new DeterministicRandom(seed), r);
            return r;
        }

        Assert.Equal(Run(42), Run(42));
        Assert.NotEqual(Run(42), Run(43));
    }

    [Fact]
    public void Output_StaysWithinGrayRangeAndShiftIsBounded()
    {
        var image = new byte[28 * 28];
        image[(14 * 28) + 14] = 255; // one bright pixel in the centre
        var augmenter = new Augmenter(new AugmentationOptions { MaxRotationDegrees = 0, ContrastJitter = 0, BrightnessJitter = 0 });
        var random = new DeterministicRandom(3);
        for (int trial = 0; trial < 50; trial++)
        {
            var r = new double[784];
            augmenter.Augment(image, 28, random, r);
            Assert.All(r, v => Assert.InRange(v, 0, 255));
            int brightest = Array.IndexOf(r, r.Max());
            Assert.InRange(brightest / 28, 12, 16);
            Assert.InRange(brightest % 28, 12, 16);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(-0.17453292519943295)]
    [InlineData(0.5235987755982988)]
    public void SmallAngleSinCos_AgreesWithMath(double angle)
    {
        var (sin, cos) = Augmenter.SmallAngleSinCos(angle);
        Assert.Equal(Math.Sin(angle), sin, 15);
        Assert.Equal(Math.Cos(angle), cos, 15);
    }

    [Fact]
    public void InvalidOptions_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Augmenter(new AugmentationOptions { MaxRotationDegrees = 45 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Augmenter(new AugmentationOptions { MaxShiftPixels = -1 }));
    }
}
