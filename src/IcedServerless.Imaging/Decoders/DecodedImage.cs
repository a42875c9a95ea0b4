namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// A decoded image at its source precision: interleaved samples (row-major, top row first, one to four per pixel
/// as <see cref="ColorModel"/> says), each holding <see cref="BitDepth"/> significant bits, plus the DICOM value
/// transforms needed to display it. <see cref="ToGray8"/> turns it into the 8-bit gray image the shared
/// preprocessing takes.
/// </summary>
public sealed class DecodedImage
{
    private readonly ushort[] _samples;

    /// <summary>Creates an image, checking that the samples agree with the dimensions and bit depth.</summary>
    /// <param name="format">The file format the image came from.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="colorModel">What the samples mean.</param>
    /// <param name="bitDepth">Significant bits per sample, 1 to 16.</param>
    /// <param name="samples">Exactly <c>width × height × channels</c> samples, each below <c>2^bitDepth</c>; the
    /// array is kept, not copied.</param>
    /// <param name="isSigned">Whether each sample is a two's-complement number of <paramref name="bitDepth"/> bits
    /// (DICOM Pixel Representation 1).</param>
    /// <param name="rescale">The modality rescale; <see cref="ModalityRescale.Identity"/> when null.</param>
    /// <param name="window">The VOI window the file recommends, if any.</param>
    /// <exception cref="ArgumentException">An argument is out of range or disagrees with the others.</exception>
    public DecodedImage(ImageFileKind format, int width, int height, ColorModel colorModel, int bitDepth, ushort[] samples,
        bool isSigned = false, ModalityRescale? rescale = null, VoiWindow? window = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(bitDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitDepth, 16);
        int channels = ChannelsOf(colorModel);
        if ((long)width * height * channels != samples.Length)
        {
            throw new ArgumentException(
                $"A {width}×{height} {colorModel} image needs {(long)width * height * channels} samples, not {samples.Length}.", nameof(samples));
        }

        var r = rescale ?? ModalityRescale.Identity;
        if (!double.IsFinite(r.Slope) || !double.IsFinite(r.Intercept))
        {
            throw new ArgumentException($"The rescale {r} is not finite.", nameof(rescale));
        }

        if (window is { } w && (!double.IsFinite(w.Center) || !double.IsFinite(w.Width) || w.Width < 1))
        {
            throw new ArgumentException($"The window {w} needs a finite centre and a finite width of at least 1.", nameof(window));
        }

        // Samples beyond the bit depth would index past the gray lookup table, so they are refused here once.
        int limit = 1 << bitDepth;
        foreach (ushort s in samples)
        {
            if (s >= limit)
            {
                throw new ArgumentException($"A sample of {s} does not fit {bitDepth} bits.", nameof(samples));
            }
        }

        Format = format;
        Width = width;
        Height = height;
        ColorModel = colorModel;
        BitDepth = bitDepth;
        _samples = samples;
        IsSigned = isSigned;
        Rescale = r;
        Window = window;
    }

    /// <summary>The file format the image came from.</summary>
    public ImageFileKind Format { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>What the samples mean.</summary>
    public ColorModel ColorModel { get; }

    /// <summary>Samples per pixel: 1 (gray), 2 (gray, alpha), 3 (RGB) or 4 (RGBA).</summary>
    public int Channels => ChannelsOf(ColorModel);

    /// <summary>Significant bits per sample (PNG bit depth, DICOM Bits Stored; 8 for an expanded PNG palette).</summary>
    public int BitDepth { get; }

    /// <summary>Whether samples are two's-complement numbers of <see cref="BitDepth"/> bits; see <see cref="StoredValue"/>.</summary>
    public bool IsSigned { get; }

    /// <summary>The interleaved samples, row-major, top row first.</summary>
    public ReadOnlySpan<ushort> Samples => _samples;

    /// <summary>The modality rescale (identity for PNG and NumPy images).</summary>
    public ModalityRescale Rescale { get; }

    /// <summary>The VOI window the file recommends (DICOM only; the first when several are listed).</summary>
    public VoiWindow? Window { get; }

    /// <summary>The stored value of one sample, sign-extended when <see cref="IsSigned"/>.</summary>
    /// <param name="sampleIndex">The index into <see cref="Samples"/>.</param>
    /// <returns>The value in <c>[−2^(BitDepth−1), 2^(BitDepth−1))</c> if signed, else <c>[0, 2^BitDepth)</c>.</returns>
    public int StoredValue(int sampleIndex) => SignExtend(_samples[sampleIndex]);

    /// <summary>The modality value of one sample: <see cref="StoredValue"/> through <see cref="Rescale"/>.</summary>
    /// <param name="sampleIndex">The index into <see cref="Samples"/>.</param>
    /// <returns>The rescaled value.</returns>
    public double ModalityValue(int sampleIndex) => Rescale.Apply(StoredValue(sampleIndex));

    /// <summary>
    /// Converts to 8-bit gray for the shared preprocessing. Samples of 8 bits or fewer with no rescale keep their
    /// full range (<c>v × 255 / (2^bits − 1)</c>, so 8-bit gray is unchanged). Wider, signed or rescaled samples (16-bit
    /// PNG, DICOM) are mapped from modality values through <see cref="Window"/> when the file gives one, else linearly
    /// from the image's own minimum (black) to maximum (white), because such files rarely use their whole range.
    /// <see cref="ColorModel.InvertedGray"/> is inverted afterwards; colour and alpha then go through
    /// <see cref="Preprocessing.Grayscale"/>, the conversion training used.
    /// </summary>
    /// <returns>The gray image.</returns>
    public GrayImage ToGray8() => GrayMapping.ToGray8(this);

    /// <summary>Sign-extends a sample when the image is signed; returns it unchanged otherwise.</summary>
    internal int SignExtend(ushort sample)
    {
        if (!IsSigned)
        {
            return sample;
        }

        int shift = 32 - BitDepth;
        return (sample << shift) >> shift;
    }

    internal ushort[] SampleArray => _samples;

    private static int ChannelsOf(ColorModel model) => model switch
    {
        ColorModel.Gray or ColorModel.InvertedGray => 1,
        ColorModel.GrayAlpha => 2,
        ColorModel.Rgb => 3,
        ColorModel.Rgba => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown colour model."),
    };
}
