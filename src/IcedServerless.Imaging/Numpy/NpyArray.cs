using System.Buffers.Binary;

namespace IcedServerless.Imaging.Numpy;

/// <summary>
/// A C-order NumPy array read from a <c>.npy</c> file: its element type, shape and little-endian payload. The
/// shape has already been validated against the payload length.
/// </summary>
public sealed class NpyArray
{
    private readonly byte[] _data;
    private readonly int[] _shape;

    internal NpyArray(NpyElementType elementType, int[] shape, long length, byte[] data)
    {
        ElementType = elementType;
        _shape = shape;
        Length = length;
        _data = data;
    }

    /// <summary>The element type.</summary>
    public NpyElementType ElementType { get; }

    /// <summary>The dimensions, outermost first (C order). Empty for a 0-d scalar.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The number of elements (the product of <see cref="Shape"/>).</summary>
    public long Length { get; }

    /// <summary>The raw little-endian payload in C order.</summary>
    public ReadOnlySpan<byte> RawBytes => _data;

    /// <summary>The payload of a <see cref="NpyElementType.UInt8"/> array.</summary>
    /// <exception cref="InvalidOperationException">The array is not of type uint8.</exception>
    public ReadOnlySpan<byte> AsUInt8() => ElementType == NpyElementType.UInt8
        ? _data
        : throw new InvalidOperationException($"The array holds {ElementType}, not UInt8.");

    /// <summary>Converts every element to <see cref="double"/> (exactly for uint8, float32 and float64).</summary>
    public double[] ToDoubleArray()
    {
        var result = new double[Length];
        ReadOnlySpan<byte> d = _data;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ElementType switch
            {
                NpyElementType.UInt8 => d[i],
                NpyElementType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(d[(8 * i)..]),
                NpyElementType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(d[(4 * i)..]),
                _ => BinaryPrimitives.ReadDoubleLittleEndian(d[(8 * i)..]),
            };
        }

        return result;
    }

    /// <summary>Converts every element of an integer array to <see cref="long"/>.</summary>
    /// <exception cref="InvalidOperationException">The array holds floating-point values.</exception>
    public long[] ToInt64Array()
    {
        if (ElementType is not (NpyElementType.UInt8 or NpyElementType.Int64))
        {
            throw new InvalidOperationException($"The array holds {ElementType}, not integers.");
        }

        var result = new long[Length];
        ReadOnlySpan<byte> d = _data;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ElementType == NpyElementType.UInt8 ? d[i] : BinaryPrimitives.ReadInt64LittleEndian(d[(8 * i)..]);
        }

        return result;
    }
}
