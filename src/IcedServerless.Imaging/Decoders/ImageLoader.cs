namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// Loads X-ray images whatever their format: recognises PNG, DICOM and NumPy <c>.npy</c> by content (never by file
/// name), decodes them and converts them to the 8-bit gray image the shared preprocessing takes.
/// </summary>
public static class ImageLoader
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs to recognise every format.</summary>
    public const int SniffLength = 132;

    /// <summary>Recognises the format of a file from its first bytes.</summary>
    /// <param name="header">The first <see cref="SniffLength"/> bytes (or the whole file, if shorter).</param>
    /// <returns>The format, or <see cref="ImageFileKind.Unknown"/>.</returns>
    public static ImageFileKind Sniff(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(PngChunkReader.Signature))
        {
            return ImageFileKind.Png;
        }

        if (NpyImageDecoder.LooksLikeNpy(header))
        {
            return ImageFileKind.Npy;
        }

        return DicomDecoder.LooksLikeDicom(header) ? ImageFileKind.Dicom : ImageFileKind.Unknown;
    }

    /// <summary>Decodes an image at its source precision, whatever its format.</summary>
    /// <param name="data">The file's bytes.</param>
    /// <param name="limits">Safety limits; <see cref="DecoderLimits.Default"/> when null.</param>
    /// <returns>The decoded image.</returns>
    /// <exception cref="ImageFormatException">The format is not recognised, or the file is invalid for its format.</exception>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, DecoderLimits? limits = null) => Sniff(data) switch
    {
        ImageFileKind.Png => PngDecoder.Decode(data, limits),
        ImageFileKind.Npy => NpyImageDecoder.Decode(data, limits),
        ImageFileKind.Dicom => DicomDecoder.Decode(data, limits),
        _ => throw new ImageFormatException(ImageFormatError.UnrecognizedFormat,
            $"The data ({data.Length} bytes) is not a PNG, DICOM or .npy file."),
    };

    /// <summary>Decodes an image and converts it to 8-bit gray (see <see cref="DecodedImage.ToGray8"/>).</summary>
    /// <param name="data">The file's bytes.</param>
    /// <param name="limits">Safety limits; <see cref="DecoderLimits.Default"/> when null.</param>
    /// <returns>The gray image.</returns>
    /// <exception cref="ImageFormatException">The format is not recognised, or the file is invalid for its format.</exception>
    public static GrayImage Load(ReadOnlySpan<byte> data, DecoderLimits? limits = null) => Decode(data, limits).ToGray8();

    /// <summary>Reads a file (bounded by <see cref="DecoderLimits.MaxFileBytes"/>) and loads it as 8-bit gray.</summary>
    /// <param name="path">The image file.</param>
    /// <param name="limits">Safety limits; <see cref="DecoderLimits.Default"/> when null.</param>
    /// <returns>The gray image.</returns>
    /// <exception cref="ImageFormatException">The file is too large, unrecognised or invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static GrayImage Load(string path, DecoderLimits? limits = null)
    {
        limits ??= DecoderLimits.Default;
        return Load(ReadBounded(path, limits), limits);
    }

    /// <summary>Reads a file asynchronously (bounded) and loads it as 8-bit gray.</summary>
    /// <param name="path">The image file.</param>
    /// <param name="limits">Safety limits; <see cref="DecoderLimits.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The gray image.</returns>
    /// <exception cref="ImageFormatException">The file is too large, unrecognised or invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<GrayImage> LoadAsync(string path, DecoderLimits? limits = null, CancellationToken cancellationToken = default)
    {
        limits ??= DecoderLimits.Default;
        byte[] data = await ReadBoundedAsync(path, limits, cancellationToken).ConfigureAwait(false);
        return Load(data, limits);
    }

    private static byte[] ReadBounded(string path, DecoderLimits limits)
    {
        using var file = OpenBounded(path, limits, useAsync: false);
        var data = new byte[file.Length];
        file.ReadExactly(data);
        return data;
    }

    private static async Task<byte[]> ReadBoundedAsync(string path, DecoderLimits limits, CancellationToken cancellationToken)
    {
        var file = OpenBounded(path, limits, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var data = new byte[file.Length];
            await file.ReadExactlyAsync(data, cancellationToken).ConfigureAwait(false);
            return data;
        }
    }

    private static FileStream OpenBounded(string path, DecoderLimits limits, bool useAsync)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        limits.Validate();
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync);
        try
        {
            // The size is checked before the buffer for it is allocated.
            limits.CheckFileSize($"file {Path.GetFileName(path)}", file.Length);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
