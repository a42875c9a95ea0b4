using IcedServerless.Imaging.Preprocessing;

namespace IcedServerless.Imaging.Decoders;

/// <summary>An 8-bit gray image (0 black, 255 white), row-major, ready for <see cref="ImagePreprocessor"/>.</summary>
public sealed class GrayImage
{
    private readonly byte[] _pixels;

    /// <summary>Creates a gray image over <paramref name="pixels"/> (kept, not copied).</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="pixels">Exactly <c>width × height</c> gray levels.</param>
    /// <exception cref="ImageFormatException">The dimensions are invalid or disagree with the buffer.</exception>
    public GrayImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        Grayscale.ValidateDimensions(pixels.Length, width, height, 1);
        Width = width;
        Height = height;
        _pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The gray levels, row-major, top row first.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>Runs the shared preprocessing (the exact function training used) on this image.</summary>
    /// <param name="spec">The model's preprocessing.</param>
    /// <param name="destination">Receives <c>InputSize²</c> normalised values, row-major.</param>
    /// <exception cref="ArgumentException">The destination length is wrong or the spec is invalid.</exception>
    public void Preprocess(PreprocessingSpec spec, Span<double> destination) =>
        ImagePreprocessor.Preprocess(_pixels, Width, Height, PixelFormat.Gray8, spec, destination);
}
