using IcedServerless.Model.Metrics;

namespace IcedServerless.Model.Inference;

/// <summary>
/// Turns class probabilities into a class: the most probable class, or — for two classes — the positive class when
/// its probability reaches a threshold chosen on the validation split.
/// </summary>
public sealed record DecisionRule
{
    /// <summary>Pick the most probable class.</summary>
    public static DecisionRule Argmax { get; } = new();

    /// <summary>The positive class for a threshold rule; null for argmax.</summary>
    public int? PositiveClass { get; init; }

    /// <summary>The probability of <see cref="PositiveClass"/> at or above which it is predicted.</summary>
    public double? Threshold { get; init; }

    /// <summary>How the threshold was chosen (e.g. <c>youden-j on validation</c>), for the record.</summary>
    public string? SelectedBy { get; init; }

    /// <summary>A threshold rule for a two-class model.</summary>
    /// <param name="positiveClass">The positive class (0 or 1).</param>
    /// <param name="threshold">A probability in [0, 1].</param>
    /// <param name="selectedBy">How it was chosen.</param>
    /// <returns>The rule.</returns>
    public static DecisionRule ForThreshold(int positiveClass, double threshold, string selectedBy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positiveClass);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(positiveClass, 1);
        if (!(threshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A threshold is a probability in [0, 1].");
        }

        return new DecisionRule { PositiveClass = positiveClass, Threshold = threshold, SelectedBy = selectedBy };
    }

    /// <summary>The predicted class for one sample's probabilities.</summary>
    /// <param name="probabilities">The class probabilities.</param>
    /// <returns>The class index.</returns>
    public int Predict(ReadOnlySpan<double> probabilities)
    {
        if (PositiveClass is int positive && Threshold is double threshold)
        {
            if (probabilities.Length != 2)
            {
                throw new ArgumentException("A threshold rule applies to two-class probabilities only.", nameof(probabilities));
            }

            return probabilities[positive] >= threshold ? positive : 1 - positive;
        }

        return Calibration.TopClass(probabilities);
    }

    /// <summary>The predicted class of every sample.</summary>
    /// <param name="probabilities"><c>n × K</c> probabilities.</param>
    /// <param name="classCount">K.</param>
    /// <returns>n predictions.</returns>
    public int[] PredictAll(ReadOnlySpan<double> probabilities, int classCount)
    {
        var result = new int[probabilities.Length / classCount];
        for (int s = 0; s < result.Length; s++)
        {
            result[s] = Predict(probabilities.Slice(s * classCount, classCount));
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => Threshold is double t
        ? $"class {PositiveClass} if p ≥ {t:0.####} ({SelectedBy})"
        : "most probable class";
}
