using IcedServerless.Imaging.Numpy;

namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// Reads one image stored as a NumPy <c>.npy</c> array of uint8: shape (H, W) for gray, or (H, W, C) with C = 1, 3 or
/// 4 for gray, RGB or RGBA (the layout MedMNIST and PIL use). Batches such as MedMNIST's (N, H, W) are refused.
/// </summary>
public static class NpyImageDecoder
{
    /// <summary>Whether <paramref name="data"/> starts with the <c>.npy</c> magic.</summary>
    /// <param name="data">The first bytes of a file.</param>
    /// <returns>True for a NumPy array file.</returns>
    public static bool LooksLikeNpy(ReadOnlySpan<byte> data) => data.StartsWith(NpyHeader.Magic);

    /// <summary>Decodes a <c>.npy</c> file held in memory.</summary>
    /// <param name="data">The file's bytes.</param>
    /// <param name="limits">Safety limits; <see cref="DecoderLimits.Default"/> when null.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ImageFormatException">The array is malformed, not uint8, or not shaped like one image.</exception>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, DecoderLimits? limits = null)
    {
        limits ??= DecoderLimits.Default;
        limits.Validate();
        limits.CheckFileSize(".npy data", data.Length);
        var array = NpyReader.Read(new MemoryStream(data.ToArray(), writable: false),
            NumpyLimits.Default with { MaxArrayBytes = limits.MaxFileBytes });
        var shape = array.Shape;
        int channels = shape.Count == 3 ? shape[2] : 1;
        var model = (shape.Count, channels) switch
        {
            (2, _) or (3, 1) => ColorModel.Gray,
            (3, 3) => ColorModel.Rgb,
            (3, 4) => ColorModel.Rgba,
            _ => throw new ImageFormatException(ImageFormatError.InvalidDimensions,
                $"The .npy shape ({string.Join(", ", shape)}) is not one image: expected (H, W) or (H, W, C) with C = 1, 3 or 4."),
        };
        if (array.ElementType != NpyElementType.UInt8)
        {
            throw new ImageFormatException(ImageFormatError.UnsupportedDataType,
                $"The .npy image holds {array.ElementType}; only uint8 images are read, since other types have no fixed gray scale.");
        }

        limits.CheckDimensions("NumPy", shape[1], shape[0]);
        var pixels = array.AsUInt8();
        var samples = new ushort[pixels.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = pixels[i];
        }

        return new DecodedImage(ImageFileKind.Npy, shape[1], shape[0], model, 8, samples);
    }
}
