using System.IO.Compression;
using IcedServerless.Imaging.Decoders;

namespace IcedServerless.Imaging.Tests.Decoders;

/// <summary>Each DICOM check, reached by a dataset with exactly one fault.</summary>
public class DicomHostileInputTests
{
    private static ImageFormatException Rejects(byte[] data, ImageFormatError? error = null, DecoderLimits? limits = null) =>
        Hostile.Rejects(() => DicomDecoder.Decode(data, limits), error);

    [Fact]
    public void ValidBuilderImage_Decodes()
    {
        var image = DicomDecoder.Decode(DicomBuilder.Part10().Image().ToArray());
        Assert.Equal((4, 3, 7), (image.Width, image.Height, image.StoredValue(7)));
    }

    [Fact]
    public void LyingElementLength_IsTruncated()
    {
        var data = DicomBuilder.Part10().Element(0x0010_0010, "UT", "A^B "u8, declaredLength: 0x7FFF_0000).Image().ToArray();
        Assert.Contains("(0010,0010)", Rejects(data, ImageFormatError.Truncated).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeRowsAndColumns_AreRejectedBeforeAllocation() =>
        Rejects(DicomBuilder.Part10().Image(rows: 65535, columns: 65535, pixels: [1, 2]).ToArray(), ImageFormatError.LimitExceeded);

    [Fact]
    public void PixelDataShorterThanOneFrame_IsTruncated() =>
        Rejects(DicomBuilder.Part10().Image(pixels: new byte[11]).ToArray(), ImageFormatError.Truncated);

    [Fact]
    public void MoreFramesThanPixelData_IsTruncated() =>
        Rejects(DicomBuilder.Part10().Text(0x0028_0008, "IS", "2").Image().ToArray(), ImageFormatError.Truncated);

    [Fact]
    public void EncapsulatedPixelData_IsUnsupported()
    {
        var data = DicomBuilder.Part10().Image(pixels: []).ToArray();

        // Turn the (empty) Pixel Data into an undefined-length one followed by an empty item and a delimiter.
        var b = new DicomBuilder().Marker(0xFFFE_E000, 0).Marker(0xFFFE_E0DD, 0).ToArray();
        data.AsSpan(data.Length - 4).Fill(0xFF);
        Rejects([.. data, .. b], ImageFormatError.UnsupportedEncoding);
    }

    [Theory]
    [InlineData("YBR_FULL", ImageFormatError.UnsupportedEncoding)]
    [InlineData("PALETTE COLOR", ImageFormatError.UnsupportedEncoding)]
    [InlineData("RGB", ImageFormatError.CorruptData)]
    public void UnsupportedOrInconsistentPhotometric_IsRejected(string photometric, ImageFormatError error) =>
        Assert.Contains(photometric, Rejects(DicomBuilder.Part10().Image(photometric: photometric).ToArray(), error).Message, StringComparison.Ordinal);

    [Fact]
    public void BitLayouts_AreValidated()
    {
        Rejects(DicomBuilder.Part10().Image(bitsAllocated: 32).ToArray(), ImageFormatError.UnsupportedEncoding);
        Rejects(DicomBuilder.Part10().Image(bitsStored: 9).ToArray(), ImageFormatError.CorruptData);
        Rejects(DicomBuilder.Part10().Image(bitsStored: 0).ToArray(), ImageFormatError.CorruptData);
    }

    [Theory]
    [InlineData(0x0028_1051u, "0")]
    [InlineData(0x0028_1053u, "abc")]
    [InlineData(0x0028_1052u, "1e999")]
    [InlineData(0x0028_0008u, "-1")]
    public void BadNumbers_AreCorrupt(uint tag, string value)
    {
        var b = DicomBuilder.Part10();
        if (tag == 0x0028_1051)
        {
            b.Text(0x0028_1050, "DS", "40");
        }

        Rejects(b.Text(tag, tag == 0x0028_0008 ? "IS" : "DS", value).Image().ToArray(), ImageFormatError.CorruptData);
    }

    [Fact]
    public void RepeatedRows_IsCorrupt() =>
        Rejects(DicomBuilder.Part10().UShort(0x0028_0010, 3).Image().ToArray(), ImageFormatError.CorruptData);

    [Fact]
    public void MissingRowsOrPixelData_IsCorrupt()
    {
        Rejects(DicomBuilder.Part10().UShort(0x0028_0011, 4).ToArray(), ImageFormatError.CorruptData);
        var noPixels = DicomBuilder.Part10().UShort(0x0028_0010, 3).UShort(0x0028_0011, 4).UShort(0x0028_0100, 8)
            .Text(0x0028_0004, "CS", "MONOCHROME2").ToArray();
        Assert.Contains("Pixel Data", Rejects(noPixels, ImageFormatError.CorruptData).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedSequences_AreRejectedWithoutExhaustingTheStack()
    {
        var b = DicomBuilder.Part10();
        for (int i = 0; i < 100_000; i++)
        {
            b.SequenceStart(0x0040_0275).Marker(0xFFFE_E000);
        }

        Rejects(b.ToArray(), ImageFormatError.CorruptData);
    }

    [Fact]
    public void SequenceNestedWithinTheLimit_IsSkipped()
    {
        var b = DicomBuilder.Part10();
        for (int i = 0; i < 20; i++)
        {
            b.SequenceStart(0x0040_0275).Marker(0xFFFE_E000);
        }

        for (int i = 0; i < 20; i++)
        {
            b.Marker(0xFFFE_E00D, 0).Marker(0xFFFE_E0DD, 0);
        }

        Assert.Equal(12, DicomDecoder.Decode(b.Image().ToArray()).Samples.Length);
    }

    [Fact]
    public void SequenceWithoutDelimiters_IsTruncated() =>
        Rejects(DicomBuilder.Part10().SequenceStart(0x0040_0275).Marker(0xFFFE_E000).UShort(0x0008_0000, 1).ToArray(),
            ImageFormatError.Truncated);

    [Fact]
    public void NonItemInsideSequence_IsCorrupt() =>
        Rejects(DicomBuilder.Part10().SequenceStart(0x0040_0275).UShort(0x0008_0000, 1).Image().ToArray(), ImageFormatError.CorruptData);

    [Fact]
    public void UnknownVr_IsCorrupt() =>
        Rejects(DicomBuilder.Part10().Element(0x0008_0060, "ZZ", "OT"u8).Image().ToArray(), ImageFormatError.CorruptData);

    [Fact]
    public void MetaWithoutTransferSyntax_IsCorrupt()
    {
        byte[] data = [.. new byte[128], .. "DICM"u8, .. new DicomBuilder().Image().ToArray()];
        Rejects(data, ImageFormatError.CorruptData);
    }

    [Fact]
    public void DeflateBomb_StopsAtTheLimit()
    {
        // 8 MB of zeros deflates to a few kilobytes; with a 1 MB limit the inflater must stop, not expand it all.
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(new byte[8 * 1024 * 1024]);
        }

        byte[] data = [.. DicomBuilder.Part10("1.2.840.10008.1.2.1.99").ToArray(), .. compressed.ToArray()];
        Rejects(data, ImageFormatError.LimitExceeded, new DecoderLimits { MaxFileBytes = 1024 * 1024 });
    }

    [Fact]
    public void BrokenDeflateStream_IsCorrupt() =>
        Rejects([.. DicomBuilder.Part10("1.2.840.10008.1.2.1.99").ToArray(), 0xFF, 0xFF, 0xFF, 0xFF], ImageFormatError.CorruptData);

    [Theory]
    [InlineData("1.2.840.10008.1.2.4.50", "JPEG Baseline")]
    [InlineData("1.2.840.10008.1.2.4.90", "JPEG 2000")]
    [InlineData("1.2.3.4", "1.2.3.4")]
    public void CompressedOrUnknownSyntax_IsRefusedByName(string uid, string named)
    {
        var ex = Rejects(DicomBuilder.Part10(uid).Image().ToArray(), ImageFormatError.UnsupportedEncoding);
        Assert.Contains(uid, ex.Message, StringComparison.Ordinal);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }
}
