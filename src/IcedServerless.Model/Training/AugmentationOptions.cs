namespace IcedServerless.Model.Training;

/// <summary>
/// Random perturbations suited to radiographs: small shifts and rotations (patient positioning), contrast and
/// brightness jitter (exposure). No flips — anatomy is not mirror-symmetric (the heart sits left).
/// </summary>
public sealed record AugmentationOptions
{
    /// <summary>No augmentation.</summary>
    public static AugmentationOptions None { get; } = new() { MaxShiftPixels = 0, MaxRotationDegrees = 0, ContrastJitter = 0, BrightnessJitter = 0 };

    /// <summary>Largest translation per axis, in pixels (uniform in ±this).</summary>
    public double MaxShiftPixels { get; init; } = 2;

    /// <summary>Largest rotation, in degrees (uniform in ±this; at most 30).</summary>
    public double MaxRotationDegrees { get; init; } = 10;

    /// <summary>Contrast factor drawn uniformly from [1 − this, 1 + this], applied about the image mean.</summary>
    public double ContrastJitter { get; init; } = 0.15;

    /// <summary>Brightness offset in gray levels, uniform in ±this.</summary>
    public double BrightnessJitter { get; init; } = 10;

    /// <summary>Whether any perturbation is enabled.</summary>
    public bool IsEnabled => MaxShiftPixels > 0 || MaxRotationDegrees > 0 || ContrastJitter > 0 || BrightnessJitter > 0;

    /// <summary>Throws if a value is negative, not finite or too large.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        Check(MaxShiftPixels, 8, nameof(MaxShiftPixels));
        Check(MaxRotationDegrees, 30, nameof(MaxRotationDegrees));
        Check(ContrastJitter, 0.9, nameof(ContrastJitter));
        Check(BrightnessJitter, 128, nameof(BrightnessJitter));
    }

    private static void Check(double value, double max, string name)
    {
        if (!double.IsFinite(value) || value < 0 || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must lie in [0, {max}].");
        }
    }
}
