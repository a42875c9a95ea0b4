using System.Buffers.Binary;
using IcedServerless.Imaging.Decoders;

namespace IcedServerless.Imaging.Tests.Decoders;

/// <summary>Each PNG check, reached by a file with exactly one fault (and valid CRCs unless the CRC is the fault).</summary>
public class PngHostileInputTests
{
    private static readonly byte[] s_gray4x3 = PngBuilder.Ihdr(4, 3, 8, 0);
    private static readonly byte[] s_rows4x3 = PngBuilder.Gray8Rows(4, 3, (x, y) => (byte)((x * 10) + y));

    private static ImageFormatException Rejects(byte[] png, ImageFormatError? error = null, DecoderLimits? limits = null) =>
        Hostile.Rejects(() => PngDecoder.Decode(png, limits), error);

    [Fact]
    public void ValidBuilderImage_Decodes()
    {
        // The baseline every fault below departs from, plus an unknown ancillary chunk that must be skipped.
        var image = PngDecoder.Decode(PngBuilder.Simple(s_gray4x3, s_rows4x3, ("teXx", [1, 2, 3])));
        Assert.Equal(21, image.StoredValue(6));
    }

    [Fact]
    public void NotAPng_IsBadMagic() => Rejects("GIF89a-and-more"u8.ToArray(), ImageFormatError.BadMagic);

    [Fact]
    public void SignatureOnly_IsTruncated() => Rejects(PngBuilder.Simple(s_gray4x3, s_rows4x3)[..8], ImageFormatError.Truncated);

    [Fact]
    public void FlippedBitInIhdr_IsChecksumMismatchNamingTheChunk()
    {
        var png = PngBuilder.Simple(s_gray4x3, s_rows4x3);
        png[8 + 8 + 3] ^= 0x04;
        Assert.Contains("IHDR", Rejects(png, ImageFormatError.ChecksumMismatch).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100u, ImageFormatError.Truncated)]
    [InlineData(0x8000_0000u, ImageFormatError.CorruptData)]
    public void ChunkLengthBeyondTheFile_IsRejected(uint declared, ImageFormatError error)
    {
        var png = new PngBuilder().Chunk("IHDR", s_gray4x3).Chunk("IDAT", [1, 2, 3], declaredLength: declared).ToArray();
        Rejects(png, error);
    }

    [Theory]
    [InlineData(16385u, 1u, ImageFormatError.LimitExceeded)]
    [InlineData(1u, 0xFFFF_FFFFu, ImageFormatError.LimitExceeded)]
    [InlineData(10000u, 10000u, ImageFormatError.LimitExceeded)]
    [InlineData(0u, 5u, ImageFormatError.InvalidDimensions)]
    public void ForgedDimensions_AreRejectedBeforeAllocation(uint width, uint height, ImageFormatError error) =>
        Rejects(PngBuilder.Simple(PngBuilder.Ihdr(width, height, 16, 6), [0, 0, 0]), error);

    [Fact]
    public void LargeDeclaredImageWithTinyData_IsRejectedWithoutReservingItsBuffer()
    {
        // 6000 × 6000 RGBA16 is within the limits but needs 288 MB; 30 compressed bytes cannot hold it.
        var ex = Rejects(PngBuilder.Simple(PngBuilder.Ihdr(6000, 6000, 16, 6), new byte[100]), ImageFormatError.Truncated);
        Assert.Contains("compressed bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PixelLimit_IsConfigurable() =>
        Rejects(PngBuilder.Simple(s_gray4x3, s_rows4x3), ImageFormatError.LimitExceeded, new DecoderLimits { MaxPixels = 11 });

    [Theory]
    [InlineData(8, 1)]
    [InlineData(0, 3)]
    [InlineData(16, 3)]
    [InlineData(4, 2)]
    [InlineData(8, 5)]
    public void BitDepthAndColourTypeMismatch_IsCorrupt(byte depth, byte colorType) =>
        Rejects(PngBuilder.Simple(PngBuilder.Ihdr(4, 3, depth, colorType), s_rows4x3), ImageFormatError.CorruptData);

    [Fact]
    public void UnknownInterlaceMethod_IsUnsupported() =>
        Rejects(PngBuilder.Simple(PngBuilder.Ihdr(4, 3, 8, 0, interlace: 2), s_rows4x3), ImageFormatError.UnsupportedEncoding);

    [Fact]
    public void FilterTypeFive_IsCorruptNamingTheRow()
    {
        var raw = (byte[])s_rows4x3.Clone();
        raw[2 * 5] = 5;
        Assert.Contains("row 2", Rejects(PngBuilder.Simple(s_gray4x3, raw), ImageFormatError.CorruptData).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageDataTooShortOrTooLong_IsRejected()
    {
        Rejects(PngBuilder.Simple(s_gray4x3, s_rows4x3[..^1]), ImageFormatError.Truncated);
        Rejects(PngBuilder.Simple(s_gray4x3, [.. s_rows4x3, 0]), ImageFormatError.SizeMismatch);
    }

    [Fact]
    public void WrongAdler32_IsCorrupt()
    {
        var z = PngBuilder.Zlib(s_rows4x3);
        z[^1] ^= 1;
        var png = new PngBuilder().Chunk("IHDR", s_gray4x3).Chunk("IDAT", z).Chunk("IEND", []).ToArray();
        Rejects(png, ImageFormatError.CorruptData);
    }

    [Fact]
    public void NotZlib_IsCorrupt()
    {
        var png = new PngBuilder().Chunk("IHDR", s_gray4x3).Chunk("IDAT", [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF]).Chunk("IEND", []).ToArray();
        Rejects(png, ImageFormatError.CorruptData);
    }

    [Fact]
    public void ChunkOrder_IsEnforced()
    {
        var z = PngBuilder.Zlib(s_rows4x3);
        Rejects(new PngBuilder().Chunk("IDAT", z).ToArray(), ImageFormatError.CorruptData);
        Rejects(new PngBuilder().Chunk("IHDR", s_gray4x3).Chunk("IDAT", z).ToArray(), ImageFormatError.Truncated);
        Rejects(new PngBuilder().Chunk("IHDR", s_gray4x3).Chunk("IEND", []).ToArray(), ImageFormatError.CorruptData);
        Rejects(new PngBuilder().Chunk("IHDR", s_gray4x3).Chunk("IDAT", z[..4]).Chunk("tEXt", "a\0b"u8)
            .Chunk("IDAT", z[4..]).Chunk("IEND", []).ToArray(), ImageFormatError.CorruptData);
        Rejects(new PngBuilder().Chunk("IHDR", s_gray4x3).Chunk("IHDR", s_gray4x3).Chunk("IDAT", z).Chunk("IEND", []).ToArray(),
            ImageFormatError.CorruptData);
    }

    [Fact]
    public void SplitIdat_IsConcatenated()
    {
        var z = PngBuilder.Zlib(s_rows4x3);
        var png = new PngBuilder().Chunk("IHDR", s_gray4x3).Chunk("IDAT", z[..3]).Chunk("IDAT", []).Chunk("IDAT", z[3..])
            .Chunk("IEND", []).ToArray();
        Assert.Equal(32, PngDecoder.Decode(png).StoredValue(11));
    }

    [Fact]
    public void UnknownCriticalChunk_IsUnsupported() =>
        Rejects(PngBuilder.Simple(s_gray4x3, s_rows4x3, ("ABCD", [])), ImageFormatError.UnsupportedEncoding);

    [Fact]
    public void PaletteRules_AreEnforced()
    {
        var indexed = PngBuilder.Ihdr(4, 3, 8, 3);
        byte[] twoColours = [0, 0, 0, 255, 255, 255];
        Rejects(PngBuilder.Simple(indexed, s_rows4x3), ImageFormatError.CorruptData);
        Rejects(PngBuilder.Simple(s_gray4x3, s_rows4x3, ("PLTE", twoColours)), ImageFormatError.CorruptData);
        Rejects(PngBuilder.Simple(indexed, s_rows4x3, ("PLTE", [1, 2])), ImageFormatError.CorruptData);
        Rejects(PngBuilder.Simple(indexed, s_rows4x3, ("PLTE", new byte[3 * 257])), ImageFormatError.CorruptData);

        // Index 31 in the rows is beyond a two-entry palette.
        var ex = Rejects(PngBuilder.Simple(indexed, s_rows4x3, ("PLTE", twoColours)), ImageFormatError.CorruptData);
        Assert.Contains("palette index", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransparencyRules_AreEnforced()
    {
        var indexed = PngBuilder.Ihdr(4, 3, 8, 3);
        var allZero = PngBuilder.Gray8Rows(4, 3, (_, _) => 0);
        Rejects(PngBuilder.Simple(indexed, allZero, ("tRNS", [0]), ("PLTE", [0, 0, 0])), ImageFormatError.CorruptData);
        Rejects(PngBuilder.Simple(indexed, allZero, ("PLTE", [0, 0, 0]), ("tRNS", [0, 0])), ImageFormatError.CorruptData);
        Rejects(PngBuilder.Simple(s_gray4x3, s_rows4x3, ("tRNS", [0])), ImageFormatError.CorruptData);
        Rejects(PngBuilder.Simple(PngBuilder.Ihdr(4, 3, 8, 6), new byte[3 * 17], ("tRNS", [0, 0])), ImageFormatError.CorruptData);
    }

    [Fact]
    public void TrailingBytesAfterIend_AreIgnored()
    {
        var png = PngBuilder.Simple(s_gray4x3, s_rows4x3);
        Assert.Equal(12, PngDecoder.Decode([.. png, 1, 2, 3]).Samples.Length);
    }

    [Fact]
    public void LyingIhdrLength_IsCorrupt()
    {
        var png = PngBuilder.Simple(s_gray4x3, s_rows4x3);
        var body = new byte[14];
        s_gray4x3.CopyTo(body, 0);
        var longIhdr = new PngBuilder().Chunk("IHDR", body).ToArray();
        Assert.Equal(14u, BinaryPrimitives.ReadUInt32BigEndian(longIhdr.AsSpan(8)));
        Rejects([.. longIhdr, .. png[33..]], ImageFormatError.CorruptData);
    }
}
