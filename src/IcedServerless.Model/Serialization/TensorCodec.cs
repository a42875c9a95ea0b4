using System.Buffers.Binary;

namespace IcedServerless.Model.Serialization;

/// <summary>Encodes weight tensors as base64 of little-endian IEEE 754 binary64 values, C order.</summary>
internal static class TensorCodec
{
    public const string Encoding = "base64-float64-le";

    public static string Encode(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes exactly <paramref name="destination"/>.Length finite values, checking the text length first.</summary>
    public static void Decode(string tensor, string? data, Span<double> destination)
    {
        int byteCount = destination.Length * sizeof(double);
        int expectedChars = (byteCount + 2) / 3 * 4;
        if (data is null || data.Length != expectedChars)
        {
            throw new ModelFormatException(ModelFormatError.InvalidTensor,
                $"Tensor '{tensor}' must hold {destination.Length} float64 values ({expectedChars} base64 characters), not {data?.Length ?? 0} characters.");
        }

        var bytes = new byte[byteCount];
        if (!Convert.TryFromBase64String(data, bytes, out int written) || written != byteCount)
        {
            throw new ModelFormatException(ModelFormatError.InvalidTensor, $"Tensor '{tensor}' is not valid base64 of {byteCount} bytes.");
        }

        for (int i = 0; i < destination.Length; i++)
        {
            double v = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
            if (!double.IsFinite(v))
            {
                throw new ModelFormatException(ModelFormatError.InvalidTensor, $"Tensor '{tensor}' holds a non-finite value at index {i}.");
            }

            destination[i] = v;
        }
    }
}
