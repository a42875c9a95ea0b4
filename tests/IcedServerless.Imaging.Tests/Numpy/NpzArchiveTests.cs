using System.Buffers.Binary;
using System.Security.Cryptography;
using IcedServerless.Imaging.Numpy;
using IcedServerless.Tests.Shared;

namespace IcedServerless.Imaging.Tests.Numpy;

public class NpzArchiveTests
{
    private const string PneumoniaSha256 = "f487aafccd7fa91a3fcfcefd0ab42c991b6e9a718398353f82ba2413cad8f2c6";

    [Fact]
    public void CommittedPneumoniaMnist_MatchesTheHashInItsReadme()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(TestRepository.PneumoniaMnist)));
        Assert.Equal(PneumoniaSha256, hash);
        Assert.Contains(PneumoniaSha256, File.ReadAllText(TestRepository.File("data", "pneumoniamnist", "README.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train", 4708, 1214)]
    [InlineData("val", 524, 135)]
    [InlineData("test", 624, 234)]
    public async Task LoadAsync_RealPneumoniaMnist_HasOfficialSplitSizesAndClassCounts(string split, int total, int normals)
    {
        using var npz = await NpzArchive.LoadAsync(TestRepository.PneumoniaMnist);
        Assert.Equal(
            ["test_images", "test_labels", "train_images", "train_labels", "val_images", "val_labels"],
            npz.Keys.Order(StringComparer.Ordinal));
        var images = npz.Read(split + "_images");
        var labels = npz.Read(split + "_labels").ToInt64Array();
        Assert.Equal([total, 28, 28], images.Shape);
        Assert.Equal(NpyElementType.UInt8, images.ElementType);
        Assert.Equal(total, labels.Length);
        Assert.Equal(normals, labels.Count(l => l == 0));
        Assert.Equal(total - normals, labels.Count(l => l == 1));

        // Real radiographs use most of the 8-bit range; an all-zero or constant decode would fail this.
        var pixels = images.AsUInt8();
        Assert.True(pixels.IndexOf((byte)0) >= 0 || pixels.IndexOf((byte)1) >= 0);
        Assert.True(pixels.IndexOfAnyInRange((byte)250, (byte)255) >= 0);
    }

    [Fact]
    public void Open_NonSeekableStream_ReadsMembers()
    {
        var zip = NpyBytes.Zip(("a.npy", NpyBytes.Build(NpyBytes.Dict("|u1", "(3,)"), [7, 8, 9])));
        using var npz = NpzArchive.Open(new NonSeekableStream(zip));
        Assert.Equal(["a"], npz.Keys);
        Assert.True(npz.Contains("a"));
        Assert.Equal([7, 8, 9], npz.Read("a").AsUInt8().ToArray());
    }

    [Fact]
    public void Read_MissingKey_ThrowsMissingEntry()
    {
        using var npz = NpzArchive.Open(new MemoryStream(NpyBytes.Zip(("a.npy", NpyBytes.Build(NpyBytes.Dict("|u1", "(1,)"), [1])))));
        var ex = Assert.Throws<ImageFormatException>(() => npz.Read("train_images"));
        Assert.Equal(ImageFormatError.MissingEntry, ex.Error);
        Assert.Contains("'train_images'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RandomBytes_ThrowsCorruptArchive()
    {
        var junk = new byte[4096];
        new Random(1).NextBytes(junk);
        Assert.Equal(ImageFormatError.CorruptArchive, Assert.Throws<ImageFormatException>(() => NpzArchive.Open(new MemoryStream(junk))).Error);
    }

    [Fact]
    public void Open_TruncatedRealFile_ThrowsCorruptArchive()
    {
        var bytes = File.ReadAllBytes(TestRepository.PneumoniaMnist);
        var ex = Assert.Throws<ImageFormatException>(() => NpzArchive.Open(new MemoryStream(bytes[..(bytes.Length / 2)])));
        Assert.Equal(ImageFormatError.CorruptArchive, ex.Error);
    }

    [Fact]
    public void Read_CorruptedCompressedData_ThrowsCorruptArchive()
    {
        var payload = new byte[5000];
        new Random(2).NextBytes(payload);
        var zip = NpyBytes.Zip(("a.npy", NpyBytes.Build(NpyBytes.Dict("|u1", "(5000,)"), payload)));
        zip[200] ^= 0xFF; // inside the DEFLATE data of the only member
        using var npz = NpzArchive.Open(new MemoryStream(zip));
        Assert.Equal(ImageFormatError.CorruptArchive, Assert.Throws<ImageFormatException>(() => npz.Read("a")).Error);
    }

    [Fact]
    public void Open_ZipBomb_IsRejectedFromTheDirectoryBeforeDecompressing()
    {
        // 8 MiB of zeros deflates to a few KiB; the declared size must trip the 1 MiB limit up front.
        var bomb = NpyBytes.Zip(("x.npy", NpyBytes.Build(NpyBytes.Dict("|u1", "(8388608,)"), new byte[8 << 20])));
        Assert.True(bomb.Length < 64 * 1024);
        var limits = new NumpyLimits { MaxArrayBytes = 1 << 20 };
        var ex = Assert.Throws<ImageFormatException>(() => NpzArchive.Open(new MemoryStream(bomb), limits));
        Assert.Equal(ImageFormatError.LimitExceeded, ex.Error);
    }

    [Fact]
    public void Open_MembersOverTotalLimit_Throws()
    {
        var member = NpyBytes.Build(NpyBytes.Dict("|u1", "(600000,)"), new byte[600000]);
        var zip = NpyBytes.Zip(("a.npy", member), ("b.npy", member));
        var limits = new NumpyLimits { MaxArchiveBytes = 1_000_000 };
        Assert.Equal(ImageFormatError.LimitExceeded, Assert.Throws<ImageFormatException>(() => NpzArchive.Open(new MemoryStream(zip), limits)).Error);
    }

    [Fact]
    public void Open_TooManyMembers_Throws()
    {
        var one = NpyBytes.Build(NpyBytes.Dict("|u1", "(1,)"), [1]);
        var zip = NpyBytes.Zip(Enumerable.Range(0, 5).Select(i => ($"m{i}.npy", one)).ToArray());
        Assert.Equal(ImageFormatError.LimitExceeded, Assert.Throws<ImageFormatException>(() => NpzArchive.Open(new MemoryStream(zip), new NumpyLimits { MaxEntries = 4 })).Error);
    }

    [Fact]
    public void Open_FileOverLimit_Throws()
    {
        var zip = NpyBytes.Zip(("a.npy", NpyBytes.Build(NpyBytes.Dict("|u1", "(1,)"), [1])));
        var limits = new NumpyLimits { MaxFileBytes = zip.Length - 1 };
        Assert.Equal(ImageFormatError.LimitExceeded, Assert.Throws<ImageFormatException>(() => NpzArchive.Open(new MemoryStream(zip), limits)).Error);
        Assert.Equal(ImageFormatError.LimitExceeded, Assert.Throws<ImageFormatException>(() => NpzArchive.Open(new NonSeekableStream(zip), limits)).Error);
    }

    [Fact]
    public void Read_ForgedSmallDeclaredSize_IsRejectedBeforeAllocation()
    {
        var zip = NpyBytes.Zip(("a.npy", NpyBytes.Build(NpyBytes.Dict("|u1", "(5000,)"), new byte[5000])));

        // Rewrite the uncompressed size in the local header (offset 22) and the central directory (offset 24).
        int central = FindSignature(zip, 0x02014b50);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(22), 100);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(central + 24), 100);
        using var npz = NpzArchive.Open(new MemoryStream(zip));
        var ex = Assert.Throws<ImageFormatException>(() => npz.Read("a"));
        Assert.Equal(ImageFormatError.Truncated, ex.Error);
    }

    private static int FindSignature(byte[] data, uint signature)
    {
        for (int i = data.Length - 4; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i)) == signature)
            {
                return i;
            }
        }

        throw new InvalidOperationException("signature not found");
    }
}
