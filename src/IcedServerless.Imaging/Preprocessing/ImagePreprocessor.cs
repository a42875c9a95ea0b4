namespace IcedServerless.Imaging.Preprocessing;

/// <summary>
/// The preprocessing shared by training and the client: grayscale, centre crop, box resize and normalisation,
/// applied exactly as a <see cref="PreprocessingSpec"/> prescribes.
/// </summary>
public static class ImagePreprocessor
{
    /// <summary>Runs the whole pipeline on raw pixels.</summary>
    /// <param name="pixels">The pixels, row-major without padding.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="format">The pixel layout.</param>
    /// <param name="spec">The model's preprocessing.</param>
    /// <param name="destination">Receives <c>InputSize²</c> normalised values, row-major.</param>
    /// <exception cref="ImageFormatException">The image dimensions are invalid.</exception>
    /// <exception cref="ArgumentException">The destination length is wrong or the spec is invalid.</exception>
    public static void Preprocess(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, PreprocessingSpec spec, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var gray = Grayscale.ToGray8(pixels, width, height, format);
        SquareResampler.CropAndResize(gray, width, height, spec.InputSize, destination);
        if (spec.RoundToGrayLevels)
        {
            foreach (ref double v in destination)
            {
                v = Math.Round(v, MidpointRounding.AwayFromZero);
            }
        }

        Normalize(destination, spec, destination);
    }

    /// <summary>Normalises gray levels (0..255 scale) already at the model's input size.</summary>
    /// <typeparam name="T">byte for stored data-set images, double for resampled values.</typeparam>
    /// <param name="gray">The gray levels; may alias <paramref name="destination"/>.</param>
    /// <param name="spec">The model's preprocessing.</param>
    /// <param name="destination">Receives <c>(gray / 255 − Mean) / Std</c>.</param>
    /// <exception cref="ArgumentException">The lengths differ from <c>InputSize²</c>.</exception>
    public static void Normalize<T>(ReadOnlySpan<T> gray, PreprocessingSpec spec, Span<double> destination)
        where T : System.Numerics.INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(spec);
        int n = spec.InputSize * spec.InputSize;
        if (gray.Length != n || destination.Length != n)
        {
            throw new ArgumentException($"Normalisation needs {n} values in and out, not {gray.Length} and {destination.Length}.");
        }

        double scale = 1.0 / (255.0 * spec.Std), shift = spec.Mean / spec.Std;
        for (int i = 0; i < n; i++)
        {
            destination[i] = (double.CreateTruncating(gray[i]) * scale) - shift;
        }
    }
}
