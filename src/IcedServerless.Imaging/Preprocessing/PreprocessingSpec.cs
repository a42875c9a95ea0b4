namespace IcedServerless.Imaging.Preprocessing;

/// <summary>
/// The exact preprocessing a model expects, as recorded in its model file: ITU-R 601-2 grayscale, centre square
/// crop, box resize to <see cref="InputSize"/>, optional rounding to whole gray levels (as the data sets were
/// stored), then <c>x = (gray / 255 − Mean) / Std</c>.
/// </summary>
public sealed record PreprocessingSpec
{
    /// <summary>The side length of the square model input, in pixels.</summary>
    public required int InputSize { get; init; }

    /// <summary>The mean of <c>gray / 255</c> over the training pixels.</summary>
    public required double Mean { get; init; }

    /// <summary>The standard deviation of <c>gray / 255</c> over the training pixels.</summary>
    public required double Std { get; init; }

    /// <summary>Whether resized values are rounded to whole gray levels 0..255 before normalisation.</summary>
    public bool RoundToGrayLevels { get; init; } = true;

    /// <summary>Throws if a field is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size, mean or standard deviation is invalid.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(InputSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InputSize, 1024);
        if (!double.IsFinite(Mean) || Mean is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Mean), Mean, "The mean of gray/255 must lie in [0, 1].");
        }

        if (!double.IsFinite(Std) || Std is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Std), Std, "The standard deviation of gray/255 must lie in (0, 1].");
        }
    }
}
