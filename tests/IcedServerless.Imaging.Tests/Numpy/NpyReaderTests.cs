using System.Buffers.Binary;
using IcedServerless.Imaging.Numpy;

namespace IcedServerless.Imaging.Tests.Numpy;

public class NpyReaderTests
{
    private static NpyArray Read(byte[] bytes, NumpyLimits? limits = null) => NpyReader.Read(new MemoryStream(bytes), limits);

    private static ImageFormatError ReadError(byte[] bytes, NumpyLimits? limits = null) =>
        Assert.Throws<ImageFormatException>(() => Read(bytes, limits)).Error;

    [Fact]
    public void Read_Uint8Version1_ReturnsShapeAndPixels()
    {
        byte[] payload = [0, 1, 2, 253, 254, 255];
        var array = Read(NpyBytes.Build(NpyBytes.Dict("|u1", "(2, 3)"), payload));
        Assert.Equal(NpyElementType.UInt8, array.ElementType);
        Assert.Equal([2, 3], array.Shape);
        Assert.Equal(6, array.Length);
        Assert.Equal(payload, array.AsUInt8().ToArray());
        Assert.Equal([0, 1, 2, 253, 254, 255], array.ToInt64Array());
    }

    [Fact]
    public void Read_Float64Version2_DecodesLittleEndianValues()
    {
        double[] values = [-1.5, 0, Math.PI];
        var payload = new byte[24];
        for (int i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(payload.AsSpan(8 * i), values[i]);
        }

        var array = Read(NpyBytes.Build(NpyBytes.Dict("<f8", "(3,)"), payload, major: 2));
        Assert.Equal(values, array.ToDoubleArray());
        Assert.Throws<InvalidOperationException>(() => array.ToInt64Array());
        Assert.Throws<InvalidOperationException>(() => array.AsUInt8());
    }

    [Fact]
    public void Read_Float32AndInt64_Decode()
    {
        var f4 = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(f4, 0.25f);
        BinaryPrimitives.WriteSingleLittleEndian(f4.AsSpan(4), -3f);
        Assert.Equal([0.25, -3.0], Read(NpyBytes.Build(NpyBytes.Dict("<f4", "(2,)"), f4)).ToDoubleArray());

        var i8 = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(i8, long.MinValue);
        BinaryPrimitives.WriteInt64LittleEndian(i8.AsSpan(8), 7);
        Assert.Equal([long.MinValue, 7], Read(NpyBytes.Build(NpyBytes.Dict("<i8", "(1, 2)"), i8)).ToInt64Array());
    }

    [Fact]
    public void Read_ScalarAndEmptyShapes_AreAccepted()
    {
        Assert.Equal(1, Read(NpyBytes.Build(NpyBytes.Dict("|u1", "()"), [42])).Length);
        Assert.Equal(0, Read(NpyBytes.Build(NpyBytes.Dict("|u1", "(0, 28, 28)"), [])).Length);
    }

    [Fact]
    public void Read_NonSeekableStream_Works()
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("|u1", "(4,)"), [1, 2, 3, 4]);
        var array = NpyReader.Read(new NonSeekableStream(bytes));
        Assert.Equal([1, 2, 3, 4], array.AsUInt8().ToArray());
    }

    [Fact]
    public void Read_BadMagic_Throws()
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("|u1", "(1,)"), [1]);
        bytes[1] = (byte)'X';
        Assert.Equal(ImageFormatError.BadMagic, ReadError(bytes));
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void Read_UnknownVersion_Throws(byte major, byte minor)
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("|u1", "(1,)"), [1]);
        bytes[6] = major;
        bytes[7] = minor;
        Assert.Equal(ImageFormatError.UnsupportedVersion, ReadError(bytes));
    }

    [Theory]
    [InlineData(">f8")]
    [InlineData("<c16")]
    [InlineData("|O")]
    [InlineData("<i4")]
    public void Read_UnsupportedDtype_Throws(string descr) =>
        Assert.Equal(ImageFormatError.UnsupportedDataType, ReadError(NpyBytes.Build(NpyBytes.Dict(descr, "(1,)"), new byte[16])));

    [Fact]
    public void Read_FortranOrder_Throws() =>
        Assert.Equal(ImageFormatError.UnsupportedLayout, ReadError(NpyBytes.Build(NpyBytes.Dict("|u1", "(2, 2)", fortran: true), new byte[4])));

    [Theory]
    [InlineData("{'descr': '|u1', 'shape': (1,), }")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), 'extra': 1}")]
    [InlineData("{'descr': '|u1', 'descr': '|u1', 'fortran_order': False, 'shape': (1,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (1,)} trailing")]
    [InlineData("{'descr': '|u1, 'fortran_order': False, 'shape': (1,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': Maybe, 'shape': (1,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (-1,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': [1]}")]
    [InlineData("['descr', '|u1']")]
    [InlineData("")]
    public void Read_MalformedHeader_Throws(string dict) =>
        Assert.Equal(ImageFormatError.MalformedHeader, ReadError(NpyBytes.Build(dict, [1])));

    [Fact]
    public void Read_TruncatedPayload_ThrowsBeforeAllocatingOrWhileReading()
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("|u1", "(10,)"), new byte[10]);
        var cut = bytes[..^3];
        Assert.Equal(ImageFormatError.Truncated, ReadError(cut));
        var ex = Assert.Throws<ImageFormatException>(() => NpyReader.Read(new NonSeekableStream(cut)));
        Assert.Equal(ImageFormatError.Truncated, ex.Error);
    }

    [Fact]
    public void Read_TruncatedInsideHeader_Throws()
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("|u1", "(1,)"), [1]);
        Assert.Equal(ImageFormatError.Truncated, ReadError(bytes[..20]));
        Assert.Equal(ImageFormatError.Truncated, ReadError(bytes[..7]));
    }

    [Fact]
    public void Read_TrailingBytes_ThrowsSizeMismatch()
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("|u1", "(2,)"), [1, 2, 3]);
        Assert.Equal(ImageFormatError.SizeMismatch, ReadError(bytes));
        var ex = Assert.Throws<ImageFormatException>(() => NpyReader.Read(new NonSeekableStream(bytes)));
        Assert.Equal(ImageFormatError.SizeMismatch, ex.Error);
    }

    [Fact]
    public void Read_HostileShape_IsRejectedBeforeAllocation()
    {
        // 10^15 elements of 8 bytes: allocating would fail; the limit check must come first.
        var bytes = NpyBytes.Build(NpyBytes.Dict("<f8", "(1000000, 1000000, 1000)"), [1]);
        var ex = Assert.Throws<ImageFormatException>(() => Read(bytes));
        Assert.Equal(ImageFormatError.LimitExceeded, ex.Error);
        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DimensionBeyondInt32_Throws() =>
        Assert.Equal(ImageFormatError.LimitExceeded, ReadError(NpyBytes.Build(NpyBytes.Dict("|u1", "(99999999999999999999,)"), [1])));

    [Fact]
    public void Read_TooManyDimensions_Throws() =>
        Assert.Equal(ImageFormatError.LimitExceeded, ReadError(NpyBytes.Build(NpyBytes.Dict("|u1", "(1, 1, 1, 1)"), [1]), new NumpyLimits { MaxDimensions = 3 }));

    [Fact]
    public void Read_OversizedHeaderLength_Throws()
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("|u1", "(1,)"), [1], major: 2);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), uint.MaxValue);
        Assert.Equal(ImageFormatError.LimitExceeded, ReadError(bytes));
    }

    [Fact]
    public void Read_ArrayOverByteLimit_Throws() =>
        Assert.Equal(ImageFormatError.LimitExceeded, ReadError(NpyBytes.Build(NpyBytes.Dict("|u1", "(100,)"), new byte[100]), new NumpyLimits { MaxArrayBytes = 99 }));
}
