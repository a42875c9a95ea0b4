using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Ckks.Tests.Serialization;

public class SealHeaderTests
{
    private static byte[] Header(byte major = 4, byte minor = 1, byte mode = 0, ulong size = 100, ushort magic = 0xA15E, byte headerSize = 16)
    {
        var bytes = new byte[16];
        bytes[0] = (byte)magic;
        bytes[1] = (byte)(magic >> 8);
        bytes[2] = headerSize;
        bytes[3] = major;
        bytes[4] = minor;
        bytes[5] = mode;
        BitConverter.TryWriteBytes(bytes.AsSpan(8), size);
        return bytes;
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(4, 1)]
    [InlineData(4, 2)]
    [InlineData(4, 3)]
    [InlineData(4, 4)]
    [InlineData(3, 4)]
    [InlineData(3, 7)]
    public void AcceptedVersions(byte major, byte minor)
    {
        SealHeader header = SealHeader.Read(Header(major, minor));
        Assert.Equal(major, header.VersionMajor);
        Assert.Equal(minor, header.VersionMinor);
    }

    [Theory]
    [InlineData(4, 5, "version 4.5")]
    [InlineData(3, 3, "version 3.3")]
    [InlineData(5, 0, "version 5.0")]
    [InlineData(2, 9, "version 2.9")]
    public void RejectedVersions(byte major, byte minor, string fragment)
    {
        var ex = Assert.Throws<SealFormatException>(() => SealHeader.Read(Header(major, minor)));
        Assert.Contains(fragment, ex.Message);
    }

    [Fact]
    public void RejectsMagicHeaderSizeModeAndSize()
    {
        Assert.Contains("magic is 0xA15F", Assert.Throws<SealFormatException>(() => SealHeader.Read(Header(magic: 0xA15F))).Message);
        Assert.Contains("header size is 17", Assert.Throws<SealFormatException>(() => SealHeader.Read(Header(headerSize: 17))).Message);
        Assert.Contains("compression mode 3", Assert.Throws<SealFormatException>(() => SealHeader.Read(Header(mode: 3))).Message);
        Assert.Contains("object size 15", Assert.Throws<SealFormatException>(() => SealHeader.Read(Header(size: 15))).Message);
        Assert.Contains("only 15 available", Assert.Throws<SealFormatException>(() => SealHeader.Read(new byte[15])).Message);
    }

    [Theory]
    [InlineData(ComprModeType.None)]
    [InlineData(ComprModeType.ZLib)]
    [InlineData(ComprModeType.Zstd)]
    public void ForWrite_Emits41_AndRoundTrips(ComprModeType mode)
    {
        SealHeader header = SealHeader.ForWrite(mode, 393329);
        var bytes = new byte[16];
        bytes.AsSpan().Fill(0xCC);
        header.Write(bytes);
        Assert.Equal(new byte[] { 0x5E, 0xA1, 0x10, 0x04, 0x01, (byte)mode, 0, 0, 0x71, 0x00, 0x06, 0, 0, 0, 0, 0 }, bytes);
        Assert.Equal(header, SealHeader.Read(bytes));
    }

    [Fact]
    public void ReservedBytesAreNotChecked()
    {
        byte[] bytes = Header();
        bytes[6] = 0xAB;
        bytes[7] = 0xCD;
        Assert.Equal(100UL, SealHeader.Read(bytes).Size);
    }

    [Fact]
    public void WriterArgumentsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SealHeader.ForWrite(ComprModeType.None, 15));
        Assert.Throws<ArgumentOutOfRangeException>(() => SealHeader.ForWrite((ComprModeType)7, 100));
        Assert.Throws<ArgumentException>(() => SealHeader.ForWrite(ComprModeType.None, 100).Write(new byte[15]));
    }
}
