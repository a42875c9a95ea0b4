using System.IO.Compression;
using System.Text;
using IcedServerless.Imaging;
using IcedServerless.Model.Data;
using IcedServerless.Tests.Shared;

namespace IcedServerless.Model.Tests.Data;

public class MedMnistLoaderTests
{
    [Fact]
    public async Task Load_PneumoniaMnist_GivesThreeSplitsWithTheirHash()
    {
        var data = await MedMnistLoader.LoadAsync(TestRepository.PneumoniaMnist, 2);
        Assert.Equal((4708, 524, 624), (data.Train.Count, data.Validation.Count, data.Test.Count));
        Assert.Equal([1214, 3494], data.Train.ClassCounts());
        Assert.Equal([234, 390], data[DatasetSplit.Test].ClassCounts());
        Assert.Equal(28, data.Train.ImageSize);
        Assert.Equal("f487aafccd7fa91a3fcfcefd0ab42c991b6e9a718398353f82ba2413cad8f2c6", data.Sha256);
        var (mean, std) = data.Train.PixelStatistics();
        Assert.InRange(mean, 0.3, 0.8);
        Assert.InRange(std, 0.05, 0.4);
    }

    [Fact]
    public async Task Load_TooFewClasses_RejectsLabels()
    {
        var ex = await Assert.ThrowsAsync<ImageFormatException>(() => MedMnistLoader.LoadAsync(TestRepository.PneumoniaMnist, 1));
        Assert.Contains("outside the 1 classes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_WrongShapes_AreRejected()
    {
        var path = Path.Combine(Path.GetTempPath(), $"iced-{Guid.NewGuid():N}.npz");
        try
        {
            // Non-square images in train.
            await File.WriteAllBytesAsync(path, Archive(("train_images", "(2, 3, 4)", 24), ("train_labels", "(2, 1)", 2)));
            Assert.Equal(ImageFormatError.SizeMismatch, (await Assert.ThrowsAsync<ImageFormatException>(() => MedMnistLoader.LoadAsync(path, 2))).Error);

            // Label count disagreeing with the image count.
            await File.WriteAllBytesAsync(path, Archive(("train_images", "(2, 2, 2)", 8), ("train_labels", "(3, 1)", 3)));
            Assert.Equal(ImageFormatError.SizeMismatch, (await Assert.ThrowsAsync<ImageFormatException>(() => MedMnistLoader.LoadAsync(path, 2))).Error);

            // A split missing altogether.
            await File.WriteAllBytesAsync(path, Archive(("train_images", "(2, 2, 2)", 8), ("train_labels", "(2, 1)", 2)));
            Assert.Equal(ImageFormatError.MissingEntry, (await Assert.ThrowsAsync<ImageFormatException>(() => MedMnistLoader.LoadAsync(path, 2))).Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ImageDataset_ValidatesAndSubsets()
    {
        Assert.Throws<ArgumentException>(() => new ImageDataset(new byte[7], [0, 1], 2, 2));
        Assert.Throws<ArgumentException>(() => new ImageDataset(new byte[8], [0, 2], 2, 2));
        var data = new ImageDataset([1, 1, 1, 1, 2, 2, 2, 2], [0, 1], 2, 2);
        var subset = data.Subset([1]);
        Assert.Equal([2, 2, 2, 2], subset.Image(0).ToArray());
        Assert.Equal([1], subset.Labels.ToArray());
    }

    private static byte[] Archive(params (string Key, string Shape, int Bytes)[] members)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (key, shape, bytes) in members)
            {
                string header = $"{{'descr': '|u1', 'fortran_order': False, 'shape': {shape}, }}";
                header = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 11) + "\n";
                using var s = zip.CreateEntry(key + ".npy").Open();
                s.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0]);
                s.Write(Encoding.ASCII.GetBytes(header));
                s.Write(new byte[bytes]);
            }
        }

        return ms.ToArray();
    }
}
