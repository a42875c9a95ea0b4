using IcedServerless.Imaging.Decoders;
using IcedServerless.Imaging.Tests.Numpy;
using static IcedServerless.Imaging.Tests.Decoders.TestPatterns;

namespace IcedServerless.Imaging.Tests.Decoders;

/// <summary>Format sniffing, file loading and the folder loader.</summary>
public sealed class ImageLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("iced-images-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Npy(string shape, byte[] payload) => NpyBytes.Build(NpyBytes.Dict("|u1", shape), payload);

    [Fact]
    public void Sniff_RecognisesEachFormatByContent()
    {
        Assert.Equal(ImageFileKind.Png, ImageLoader.Sniff(TestData.Png("gray8")));
        Assert.Equal(ImageFileKind.Dicom, ImageLoader.Sniff(TestData.Dicom("ct-implicit")));
        Assert.Equal(ImageFileKind.Dicom, ImageLoader.Sniff(TestData.Dicom("ct-raw-implicit")));
        Assert.Equal(ImageFileKind.Dicom, ImageLoader.Sniff(TestData.Dicom("ct-raw-explicit")));
        Assert.Equal(ImageFileKind.Npy, ImageLoader.Sniff(Npy("(2, 2)", [1, 2, 3, 4])));
        Assert.Equal(ImageFileKind.Unknown, ImageLoader.Sniff("hello, world"u8));
        Assert.Equal(ImageFileKind.Unknown, ImageLoader.Sniff([]));
    }

    [Fact]
    public void Load_EveryFormat_GivesTheSameGrayForTheSamePicture()
    {
        var npy = Npy($"({Height}, {Width})", [.. Samples((x, y) => [G8(x, y)]).Select(v => (byte)v)]);
        var fromNpy = ImageLoader.Load(npy).Pixels.ToArray();
        Assert.Equal(fromNpy, ImageLoader.Load(TestData.Png("gray8")).Pixels.ToArray());
        Assert.Equal(fromNpy, ImageLoader.Load(TestData.Dicom("mono2-8bit-2frames")).Pixels.ToArray());
    }

    [Fact]
    public void Npy_ColourAndBatchShapes()
    {
        var rgb = ImageLoader.Decode(Npy("(1, 2, 3)", [10, 20, 30, 40, 50, 60]));
        Assert.Equal((ColorModel.Rgb, 2, 1), (rgb.ColorModel, rgb.Width, rgb.Height));
        Assert.Equal(ColorModel.Rgba, ImageLoader.Decode(Npy("(1, 1, 4)", [1, 2, 3, 4])).ColorModel);
        Assert.Equal(ImageFormatError.InvalidDimensions,
            Assert.Throws<ImageFormatException>(() => ImageLoader.Decode(Npy("(2, 1, 1, 1)", [1, 2]))).Error);
        Assert.Equal(ImageFormatError.InvalidDimensions,
            Assert.Throws<ImageFormatException>(() => ImageLoader.Decode(Npy("(1, 1, 2)", [1, 2]))).Error);
        Assert.Equal(ImageFormatError.UnsupportedDataType, Assert.Throws<ImageFormatException>(() =>
            ImageLoader.Decode(NpyBytes.Build(NpyBytes.Dict("<f8", "(1, 1)"), new byte[8]))).Error);
    }

    [Fact]
    public void Decode_UnknownContent_IsUnrecognized() =>
        Assert.Equal(ImageFormatError.UnrecognizedFormat,
            Assert.Throws<ImageFormatException>(() => ImageLoader.Decode("GIF89a"u8)).Error);

    [Fact]
    public async Task LoadFromPath_SyncAndAsyncAgree()
    {
        string path = Path.Combine(_folder, "no-extension");
        File.WriteAllBytes(path, TestData.Dicom("cr-mono1-12bit"));
        var sync = ImageLoader.Load(path);
        var viaAsync = await ImageLoader.LoadAsync(path);
        Assert.Equal(sync.Pixels.ToArray(), viaAsync.Pixels.ToArray());
        Assert.Equal((Width, Height), (viaAsync.Width, viaAsync.Height));
    }

    [Fact]
    public void LoadFromPath_LargerThanTheLimit_IsRejectedBeforeReading()
    {
        string path = Path.Combine(_folder, "big.png");
        File.WriteAllBytes(path, TestData.Png("rgb16"));
        var ex = Assert.Throws<ImageFormatException>(() => ImageLoader.Load(path, new DecoderLimits { MaxFileBytes = 100 }));
        Assert.Equal(ImageFormatError.LimitExceeded, ex.Error);
    }

    [Fact]
    public async Task LoadAsync_Cancelled_Throws()
    {
        string path = Path.Combine(_folder, "a.png");
        File.WriteAllBytes(path, TestData.Png("gray8"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ImageLoader.LoadAsync(path, cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Folder_ListsAndLoadsImagesAndSaysWhyOthersWereSkipped()
    {
        File.WriteAllBytes(Path.Combine(_folder, "a-chest.png"), TestData.Png("gray16"));
        File.WriteAllBytes(Path.Combine(_folder, "b-notes.txt"), "not an image"u8.ToArray());
        File.WriteAllBytes(Path.Combine(_folder, "c-scan"), TestData.Dicom("ct-explicit-defined-lengths"));
        File.WriteAllBytes(Path.Combine(_folder, "d-empty.dcm"), []);
        var broken = TestData.Png("rgb8");
        broken[40] ^= 0x10;
        File.WriteAllBytes(Path.Combine(_folder, "e-broken.png"), broken);
        File.WriteAllBytes(Path.Combine(_folder, "f-compressed.dcm"), TestData.Dicom("ct-rle"));

        var scan = ImageFolder.Scan(_folder);
        Assert.Equal(["a-chest.png", "c-scan", "e-broken.png", "f-compressed.dcm"], scan.Images.Select(e => Path.GetFileName(e.Path)));
        Assert.Equal([ImageFileKind.Png, ImageFileKind.Dicom, ImageFileKind.Png, ImageFileKind.Dicom], scan.Images.Select(e => e.Kind));
        Assert.Equal(["b-notes.txt", "d-empty.dcm"], scan.Skipped.Select(s => Path.GetFileName(s.Path)));
        Assert.All(scan.Skipped, s => Assert.Contains("not a PNG, DICOM or .npy", s.Reason, StringComparison.Ordinal));

        var skipped = new List<SkippedFile>();
        var loaded = new List<FolderImage>();
        await foreach (var image in ImageFolder.LoadAsync(_folder, skipped.Add))
        {
            loaded.Add(image);
        }

        Assert.Equal(["a-chest.png", "c-scan"], loaded.Select(l => Path.GetFileName(l.Path)));
        Assert.Equal(ImageLoader.Load(TestData.Png("gray16")).Pixels.ToArray(), loaded[0].Image.Pixels.ToArray());
        Assert.Equal(["b-notes.txt", "d-empty.dcm", "e-broken.png", "f-compressed.dcm"], skipped.Select(s => Path.GetFileName(s.Path)));
        Assert.Contains("CRC", skipped[2].Reason, StringComparison.Ordinal);
        Assert.Contains("1.2.840.10008.1.2.5", skipped[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderScan_SkipsFilesAboveTheLimitWithTheReason()
    {
        File.WriteAllBytes(Path.Combine(_folder, "big.png"), TestData.Png("rgb16"));
        var scan = ImageFolder.Scan(_folder, new DecoderLimits { MaxFileBytes = 100 });
        Assert.Empty(scan.Images);
        Assert.Contains("more than the limit", Assert.Single(scan.Skipped).Reason, StringComparison.Ordinal);
    }
}
