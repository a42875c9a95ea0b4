using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks.Tests.Serialization;

public class SealReaderWriterTests
{
    [Fact]
    public void Fields_RoundTripLittleEndian_WithoutPadding()
    {
        var writer = new SealWriter(initialCapacity: 4);
        writer.WriteByte(0xAB);
        writer.WriteUInt64(0x0102030405060708);
        writer.WriteDouble(1099511627776.0);
        writer.WriteBytes([9, 8, 7]);
        writer.GetSpan(2)[1] = 0x55;

        Assert.Equal(1 + 8 + 8 + 3 + 2, writer.Length);
        Assert.Equal(new byte[] { 0xAB, 8, 7, 6, 5, 4, 3, 2, 1 }, writer.WrittenSpan[..9].ToArray());

        var reader = new SealReader(writer.ToArray());
        Assert.Equal(0xAB, reader.ReadByte("flag"));
        Assert.Equal(0x0102030405060708UL, reader.ReadUInt64("word"));
        Assert.Equal(1099511627776.0, reader.ReadDouble("scale"));
        Assert.Equal(new byte[] { 9, 8, 7 }, reader.ReadBytes(3, "bytes").ToArray());
        Assert.Equal(17 + 3, reader.Position);
        Assert.Equal(2, reader.Remaining);
        Assert.Contains("2 unexpected bytes remain at offset 20", Assert.Throws<SealFormatException>(() => ExpectEnd(writer.ToArray(), 20)).Message);
        Assert.Equal(new byte[] { 0, 0x55 }, reader.ReadBytes(2, "tail").ToArray());
        reader.ExpectEnd("object");
    }

    private static void ExpectEnd(byte[] data, int skip)
    {
        var reader = new SealReader(data);
        reader.ReadBytes(skip, "prefix");
        reader.ExpectEnd("object");
    }

    [Fact]
    public void ShortReads_NameTheFieldAndOffset()
    {
        var ex = Assert.Throws<SealFormatException>(() =>
        {
            var reader = new SealReader(new byte[12]);
            reader.ReadUInt64("N");
            reader.ReadUInt64("coeff_modulus_size");
        });
        Assert.Equal("Unexpected end of data reading coeff_modulus_size: needs 8 bytes at offset 8, 4 remain.", ex.Message);

        Assert.Throws<SealFormatException>(() => new SealReader(new byte[3]).ReadBytes(-1, "x"));
        Assert.Throws<SealFormatException>(() => new SealReader([]).ReadByte("x"));
        Assert.Throws<SealFormatException>(() => new SealReader(new byte[7]).ReadDouble("x"));
    }

    [Fact]
    public void NestedObjects_AreSizedByEndNested_AndReadBack()
    {
        var writer = new SealWriter();
        writer.WriteByte(1);
        int offset = writer.BeginNested();
        writer.WriteUInt64(42);
        writer.WriteByte(7);
        writer.EndNested(offset);
        writer.WriteByte(2);

        var reader = new SealReader(writer.ToArray());
        Assert.Equal(1, reader.ReadByte("before"));
        SealReader nested = reader.ReadNestedObject("thing", out SealHeader header);
        Assert.Equal(SealHeader.ForWrite(ComprModeType.None, 16 + 9), header);
        Assert.Equal(42UL, nested.ReadUInt64("value"));
        Assert.Equal(7, nested.ReadByte("flag"));
        nested.ExpectEnd("thing");
        Assert.Equal(2, reader.ReadByte("after"));
        reader.ExpectEnd("object");
    }

    [Fact]
    public void NestedReaderErrors_ReportAbsoluteOffsets()
    {
        var writer = new SealWriter();
        writer.WriteUInt64(0);
        int offset = writer.BeginNested();
        writer.WriteByte(7);
        writer.EndNested(offset);

        var reader = new SealReader(writer.ToArray());
        reader.ReadUInt64("prefix");
        SealReader nested = reader.ReadNestedObject("thing", out _);
        nested.ReadByte("flag");
        SealFormatException? caught = null;
        try
        {
            nested.ReadByte("missing");
        }
        catch (SealFormatException ex)
        {
            caught = ex;
        }

        Assert.NotNull(caught);
        Assert.Contains("at offset 25", caught.Message);
    }

    [Fact]
    public void NestedHeaders_MustBeUncompressedAndFit()
    {
        byte[] compressedNested = new byte[40];
        SealHeader.ForWrite(ComprModeType.ZLib, 24).Write(compressedNested);
        Assert.Contains("must be uncompressed", Assert.Throws<SealFormatException>(() => new SealReader(compressedNested).ReadNestedHeader("Modulus")).Message);

        byte[] overlong = new byte[40];
        SealHeader.ForWrite(ComprModeType.None, 41).Write(overlong);
        Assert.Contains("declares 41 bytes but only 40 remain", Assert.Throws<SealFormatException>(() => new SealReader(overlong).ReadNestedHeader("DynArray")).Message);

        byte[] badMagic = new byte[40];
        Assert.Contains("DynArray at offset 0: SEAL header: magic", Assert.Throws<SealFormatException>(() => new SealReader(badMagic).ReadNestedHeader("DynArray")).Message);
        Assert.Contains("header of DynArray", Assert.Throws<SealFormatException>(() => new SealReader(new byte[15]).ReadNestedHeader("DynArray")).Message);
    }

    [Fact]
    public void Writer_GrowsFromASmallBuffer_AndRejectsABadNestedOffset()
    {
        var writer = new SealWriter(initialCapacity: 1);
        byte[] block = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        for (int i = 0; i < 1000; i++)
        {
            writer.WriteBytes(block);
        }

        Assert.Equal(1_000_000, writer.Length);
        Assert.Equal(block, writer.WrittenSpan.Slice(999_000, 1000).ToArray());
        Assert.Throws<ArgumentException>(() => writer.EndNested(5));
        Assert.Throws<ArgumentException>(() => writer.EndNested(999_990));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.GetSpan(-1));
    }
}
