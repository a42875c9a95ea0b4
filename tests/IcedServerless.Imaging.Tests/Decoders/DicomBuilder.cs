using System.Buffers.Binary;
using System.Text;

namespace IcedServerless.Imaging.Tests.Decoders;

/// <summary>Writes Explicit VR Little Endian elements, so a test can build a dataset with one deliberate fault.</summary>
internal sealed class DicomBuilder
{
    private static readonly HashSet<string> s_longVrs = ["OB", "OW", "SQ", "UN", "UT"];
    private readonly MemoryStream _out = new();

    /// <summary>A Part 10 file: preamble, "DICM", a meta group naming <paramref name="transferSyntax"/>.</summary>
    public static DicomBuilder Part10(string transferSyntax = "1.2.840.10008.1.2.1")
    {
        var b = new DicomBuilder();
        b._out.Write(new byte[128]);
        b._out.Write("DICM"u8);
        return b.Text(0x0002_0010, "UI", transferSyntax);
    }

    /// <summary>A valid 4×3 MONOCHROME2 8-bit pixel module and Pixel Data, with fields overridable by the caller.</summary>
    public DicomBuilder Image(ushort rows = 3, ushort columns = 4, string photometric = "MONOCHROME2", ushort bitsAllocated = 8,
        ushort? bitsStored = null, byte[]? pixels = null)
    {
        UShort(0x0028_0002, 1).Text(0x0028_0004, "CS", photometric).UShort(0x0028_0010, rows).UShort(0x0028_0011, columns)
            .UShort(0x0028_0100, bitsAllocated).UShort(0x0028_0101, bitsStored ?? bitsAllocated)
            .UShort(0x0028_0102, (ushort)((bitsStored ?? bitsAllocated) - 1)).UShort(0x0028_0103, 0);
        return Element(0x7FE0_0010, "OB", pixels ?? [.. Enumerable.Range(0, rows * columns * (bitsAllocated / 8)).Select(i => (byte)i)]);
    }

    public DicomBuilder UShort(uint tag, ushort value)
    {
        var v = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(v, value);
        return Element(tag, "US", v);
    }

    public DicomBuilder Text(uint tag, string vr, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value.Length % 2 == 0 ? value : value + (vr == "UI" ? "\0" : " "));
        return Element(tag, vr, bytes);
    }

    public DicomBuilder Element(uint tag, string vr, ReadOnlySpan<byte> value, uint? declaredLength = null)
    {
        Tag(tag);
        _out.Write(Encoding.ASCII.GetBytes(vr));
        uint length = declaredLength ?? (uint)value.Length;
        if (s_longVrs.Contains(vr))
        {
            _out.Write([0, 0]);
            Raw32(length);
        }
        else
        {
            Span<byte> l = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(l, (ushort)length);
            _out.Write(l);
        }

        _out.Write(value);
        return this;
    }

    /// <summary>An undefined-length sequence header, item header or delimiter: tag then a 32-bit length.</summary>
    public DicomBuilder Marker(uint tag, uint length = 0xFFFF_FFFF)
    {
        Tag(tag);
        Raw32(length);
        return this;
    }

    public DicomBuilder SequenceStart(uint tag)
    {
        Tag(tag);
        _out.Write("SQ\0\0"u8);
        Raw32(0xFFFF_FFFF);
        return this;
    }

    public byte[] ToArray() => _out.ToArray();

    private void Tag(uint tag)
    {
        Span<byte> t = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(t, (ushort)(tag >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(t[2..], (ushort)tag);
        _out.Write(t);
    }

    private void Raw32(uint value)
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(v, value);
        _out.Write(v);
    }
}
