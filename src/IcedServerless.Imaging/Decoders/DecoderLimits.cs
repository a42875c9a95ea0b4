using IcedServerless.Imaging.Preprocessing;

namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// Safety limits for decoding untrusted image files. Dimensions are checked against these as soon as a header is
/// read, before any pixel buffer is allocated or any compressed data is inflated, so a forged header fails fast.
/// </summary>
public sealed record DecoderLimits
{
    /// <summary>The defaults: sides up to 16384, 40 million pixels, 256 MiB files.</summary>
    public static DecoderLimits Default { get; } = new();

    /// <summary>Largest accepted width or height, in pixels.</summary>
    public int MaxSide { get; init; } = Grayscale.MaxSide;

    /// <summary>Largest accepted width × height. 40 million covers a 6000 × 6000 radiograph; with four 16-bit channels
    /// that is 320 MB of samples, the most one decode may take.</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>Largest accepted file (or inflated DICOM dataset), in bytes.</summary>
    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Throws if a limit is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero, negative or beyond what the decoders can
    /// represent (sides above <see cref="Grayscale.MaxSide"/>, files above <see cref="Array.MaxLength"/>).</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxSide, Grayscale.MaxSide);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPixels);

        // Four 16-bit samples per pixel must still fit one array.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPixels, Array.MaxLength / 4);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFileBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxFileBytes, Array.MaxLength);
    }

    /// <summary>Rejects dimensions outside the limits, naming the format that declared them.</summary>
    internal void CheckDimensions(string format, long width, long height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ImageFormatException(ImageFormatError.InvalidDimensions,
                $"The {format} image declares {width}×{height} pixels; both sides must be at least 1.");
        }

        if (width > MaxSide || height > MaxSide)
        {
            throw new ImageFormatException(ImageFormatError.LimitExceeded,
                $"The {format} image declares {width}×{height} pixels; the limit is {MaxSide} per side.");
        }

        if (width * height > MaxPixels)
        {
            throw new ImageFormatException(ImageFormatError.LimitExceeded,
                $"The {format} image declares {width}×{height} = {width * height} pixels; the limit is {MaxPixels}.");
        }
    }

    /// <summary>Rejects an input larger than <see cref="MaxFileBytes"/>, naming it as <paramref name="what"/>.</summary>
    internal void CheckFileSize(string what, long length)
    {
        if (length > MaxFileBytes)
        {
            throw new ImageFormatException(ImageFormatError.LimitExceeded,
                $"The {what} has {length} bytes, more than the limit of {MaxFileBytes}.");
        }
    }
}
