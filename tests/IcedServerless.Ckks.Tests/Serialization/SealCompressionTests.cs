using System.IO.Compression;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Ckks.Tests.Infrastructure;

namespace IcedServerless.Ckks.Tests.Serialization;

public class SealCompressionTests
{
    private const long Unlimited = int.MaxValue;

    private static byte[] Members(string name) => File.ReadAllBytes(RepoPaths.SealVectors(name)).AsSpan(SealHeader.ByteCount).ToArray();

    private static byte[] Sample(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data.AsSpan(0, length / 2)); // half random, half zeros: compressible but not trivially
        return data;
    }

    [Fact]
    public void SealsZlibPayload_DecompressesToTheUncompressedMembers()
    {
        byte[] expected = Members("n8192/ct_pk_v1.none.bin");
        Assert.Equal(expected, SealCompression.Decompress(ComprModeType.ZLib, Members("n8192/ct_pk_v1.zlib.bin"), Unlimited));
    }

    [Fact]
    public void SealsZstdPayload_DecompressesToTheUncompressedMembers_OrIsRefusedWithoutLibzstd()
    {
        byte[] compressed = Members("n8192/ct_pk_v1.zstd.bin");
        if (!SealCompression.IsZstdAvailable)
        {
            Assert.Contains("not available", Assert.Throws<SealFormatException>(() => SealCompression.Decompress(ComprModeType.Zstd, compressed, Unlimited)).Message);
            return;
        }

        Assert.Equal(Members("n8192/ct_pk_v1.none.bin"), SealCompression.Decompress(ComprModeType.Zstd, compressed, Unlimited));
    }

    [Theory]
    [InlineData(ComprModeType.None)]
    [InlineData(ComprModeType.ZLib)]
    [InlineData(ComprModeType.Zstd)]
    public void RoundTrip(ComprModeType mode)
    {
        if (mode == ComprModeType.Zstd && !SealCompression.IsZstdAvailable)
        {
            Assert.Throws<PlatformNotSupportedException>(() => SealCompression.Compress(mode, [1, 2, 3]));
            return;
        }

        foreach (int length in new[] { 0, 1, 1000, 300_000 })
        {
            byte[] raw = Sample(length);
            byte[] stored = SealCompression.Compress(mode, raw);
            Assert.Equal(raw, SealCompression.Decompress(mode, stored, length));
        }
    }

    [Fact]
    public void Zlib_UsesRfc1950Framing()
    {
        byte[] stored = SealCompression.Compress(ComprModeType.ZLib, Sample(1000));
        Assert.Equal(0x78, stored[0]);
        Assert.Equal(0, ((stored[0] << 8) | stored[1]) % 31); // zlib header check bits
    }

    [Fact]
    public void Zstd_WritesAStandardFrame()
    {
        if (!SealCompression.IsZstdAvailable)
        {
            return; // covered by RoundTrip's refusal branch
        }

        byte[] stored = SealCompression.Compress(ComprModeType.Zstd, Sample(1000));
        Assert.Equal(new byte[] { 0x28, 0xB5, 0x2F, 0xFD }, stored[..4]);
    }

    [Fact]
    public void ZlibBomb_IsStoppedAtTheCap_WithoutAllocatingTheExpansion()
    {
        // 100 MB of zeros compress to about 100 KB.
        var bomb = new MemoryStream();
        using (var deflater = new ZLibStream(bomb, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++)
            {
                deflater.Write(zeros);
            }
        }

        byte[] compressed = bomb.ToArray();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<SealFormatException>(() => SealCompression.Decompress(ComprModeType.ZLib, compressed, 1 << 20));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("exceeds the limit of 1048576 bytes", ex.Message);
        Assert.True(allocated < 8 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ZstdFrameDeclaringMoreThanTheCap_IsRejectedUpFront()
    {
        if (!SealCompression.IsZstdAvailable)
        {
            return;
        }

        byte[] compressed = SealCompression.Compress(ComprModeType.Zstd, new byte[4 << 20]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<SealFormatException>(() => SealCompression.Decompress(ComprModeType.Zstd, compressed, 1 << 20));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.Contains("declares 4194304 bytes", ex.Message);
    }

    [Theory]
    [InlineData(ComprModeType.ZLib)]
    [InlineData(ComprModeType.Zstd)]
    public void Truncated_Corrupt_OrTrailing_AreFormatErrors(ComprModeType mode)
    {
        if (mode == ComprModeType.Zstd && !SealCompression.IsZstdAvailable)
        {
            return;
        }

        byte[] raw = Sample(200_000);
        byte[] stored = SealCompression.Compress(mode, raw);
        foreach (int cut in new[] { 0, 3, stored.Length / 2, stored.Length - 4, stored.Length - 1 })
        {
            Assert.Throws<SealFormatException>(() => SealCompression.Decompress(mode, stored.AsSpan(0, cut), Unlimited));
        }

        byte[] trailing = [.. stored, 0, 1, 2];
        Assert.Throws<SealFormatException>(() => SealCompression.Decompress(mode, trailing, Unlimited));

        // zlib's Adler-32 catches damage anywhere. SEAL's zstd frames carry no checksum, so damage inside a raw
        // (incompressible) block is undetectable by design; damage to the frame structure is caught.
        byte[] corrupt = (byte[])stored.Clone();
        if (mode == ComprModeType.ZLib)
        {
            for (int i = 16; i < corrupt.Length - 16; i += 97)
            {
                corrupt[i] ^= 0x5A;
            }
        }
        else
        {
            corrupt[0] ^= 0xFF;
        }

        Assert.Throws<SealFormatException>(() => SealCompression.Decompress(mode, corrupt, Unlimited));
    }

    [Fact]
    public void RawDeflateFlaggedAsZlib_IsRejected()
    {
        var raw = new MemoryStream();
        using (var deflater = new DeflateStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflater.Write(Sample(5000));
        }

        Assert.Throws<SealFormatException>(() => SealCompression.Decompress(ComprModeType.ZLib, raw.ToArray(), Unlimited));
    }

    [Fact]
    public void OutputExactlyAtTheCap_IsAccepted_OneByteMoreIsNot()
    {
        byte[] raw = Sample(10_000);
        byte[] stored = SealCompression.Compress(ComprModeType.ZLib, raw);
        Assert.Equal(raw, SealCompression.Decompress(ComprModeType.ZLib, stored, raw.Length));
        Assert.Throws<SealFormatException>(() => SealCompression.Decompress(ComprModeType.ZLib, stored, raw.Length - 1));
        Assert.Throws<SealFormatException>(() => SealCompression.Decompress(ComprModeType.None, raw, raw.Length - 1));
    }

    [Fact]
    public void MissingLibzstd_IsReportedAsUnavailable()
    {
        Assert.Null(ZstdLibrary.TryLoad(["libzstd-does-not-exist.so.99"]));
        var ex = Assert.Throws<SealFormatException>(() => ZstdCodec.Decompress(null, [0x28, 0xB5, 0x2F, 0xFD], Unlimited));
        Assert.Contains("zstd is not available on this system", ex.Message);
        Assert.Throws<PlatformNotSupportedException>(() => ZstdCodec.Compress(null, [1]));
    }

    [Fact]
    public void Adler32_MatchesKnownValues()
    {
        Assert.Equal(0x11E60398u, Adler32.Compute("Wikipedia"u8)); // the example in RFC 1950 explanations
        Assert.Equal(1u, Adler32.Compute([]));

        // Longer than the reduction interval: the trailer ZLibStream writes is the checksum of the input.
        byte[] data = Enumerable.Repeat((byte)0xFF, 20_000).ToArray();
        byte[] stored = SealCompression.Compress(ComprModeType.ZLib, data);
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(stored.Length - 4)), Adler32.Compute(data));
    }
}
