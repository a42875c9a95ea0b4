namespace IcedServerless.Model.Training;

/// <summary>
/// Applies <see cref="AugmentationOptions"/> to square gray images: one affine warp (rotation about the centre plus
/// a shift, bilinear sampling, edges replicated), then contrast about the image mean and a brightness offset,
/// clamped to 0..255. Every random draw comes from the caller's generator in a fixed order, so a seed fixes the
/// augmented data exactly.
/// </summary>
public sealed class Augmenter
{
    private readonly AugmentationOptions _options;

    /// <summary>Creates the augmenter.</summary>
    /// <param name="options">The perturbation ranges.</param>
    public Augmenter(AugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Writes a randomly perturbed copy of <paramref name="image"/> (gray levels 0..255).</summary>
    /// <param name="image">A <c>size × size</c> gray image.</param>
    /// <param name="size">The side length.</param>
    /// <param name="random">The generator; five values are drawn per call.</param>
    /// <param name="destination">Receives <c>size × size</c> gray levels (not rounded).</param>
    public void Augment(ReadOnlySpan<byte> image, int size, DeterministicRandom random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (image.Length != size * size || destination.Length != size * size)
        {
            throw new ArgumentException($"Augmentation needs {size * size} pixels in and out.");
        }

        double dx = random.NextDouble(-1, 1) * _options.MaxShiftPixels;
        double dy = random.NextDouble(-1, 1) * _options.MaxShiftPixels;
        double angle = random.NextDouble(-1, 1) * _options.MaxRotationDegrees * Math.PI / 180;
        double contrast = 1 + (random.NextDouble(-1, 1) * _options.ContrastJitter);
        double brightness = random.NextDouble(-1, 1) * _options.BrightnessJitter;

        var (sin, cos) = SmallAngleSinCos(angle);
        double centre = (size - 1) / 2.0, sum = 0;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                // Inverse map: the output pixel samples the source at R(−angle)·(p − centre − shift) + centre.
                double px = x - centre - dx, py = y - centre - dy;
                double sx = (cos * px) + (sin * py) + centre, sy = (-sin * px) + (cos * py) + centre;
                double v = Bilinear(image, size, sx, sy);
                destination[(y * size) + x] = v;
                sum += v;
            }
        }

        double mean = sum / (size * size);
        foreach (ref double v in destination)
        {
            v = Math.Clamp(((v - mean) * contrast) + mean + brightness, 0, 255);
        }
    }

    private static double Bilinear(ReadOnlySpan<byte> image, int size, double x, double y)
    {
        if (size == 1)
        {
            return image[0];
        }

        x = Math.Clamp(x, 0, size - 1);
        y = Math.Clamp(y, 0, size - 1);
        int x0 = Math.Min((int)x, size - 2), y0 = Math.Min((int)y, size - 2);
        double fx = x - x0, fy = y - y0;
        double top = (image[(y0 * size) + x0] * (1 - fx)) + (image[(y0 * size) + x0 + 1] * fx);
        double bottom = (image[((y0 + 1) * size) + x0] * (1 - fx)) + (image[((y0 + 1) * size) + x0 + 1] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }

    /// <summary>
    /// sin and cos by their Taylor series, exact to double precision for |angle| ≤ 30° with these terms. Only + and ×
    /// are used, so the values (and the training run) do not depend on the platform's libm.
    /// </summary>
    internal static (double Sin, double Cos) SmallAngleSinCos(double angle)
    {
        double a2 = angle * angle, sin = 0, cos = 0, termS = angle, termC = 1;
        for (int n = 1; n <= 20; n += 2)
        {
            sin += termS;
            cos += termC;
            termS *= -a2 / ((n + 1) * (n + 2));
            termC *= -a2 / (n * (n + 1));
        }

        return (sin, cos);
    }
}
