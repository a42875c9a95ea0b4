namespace IcedServerless.Model.Metrics;

/// <summary>One equal-width confidence bin of a reliability diagram.</summary>
/// <param name="Lower">Inclusive lower confidence edge (the first bin also takes 0).</param>
/// <param name="Upper">Exclusive upper edge (the last bin includes 1).</param>
/// <param name="Count">Samples whose top-class confidence falls in the bin.</param>
/// <param name="MeanConfidence">Their mean confidence (0 when empty).</param>
/// <param name="Accuracy">The fraction of them whose top class is correct (0 when empty).</param>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);

/// <summary>Calibration measures of predicted class probabilities.</summary>
public static class Calibration
{
    /// <summary>The number of bins used for the released metrics.</summary>
    public const int DefaultBins = 10;

    /// <summary>
    /// Bins samples by top-class confidence (the largest probability) into equal-width bins over [0, 1] and reports
    /// each bin's mean confidence and accuracy (whether the top class is the true class).
    /// </summary>
    /// <param name="probabilities"><c>n × K</c> probabilities.</param>
    /// <param name="labels">True classes.</param>
    /// <param name="classCount">K.</param>
    /// <param name="bins">The number of bins.</param>
    /// <returns>The bins, lowest first.</returns>
    public static CalibrationBin[] ReliabilityBins(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int classCount, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        var count = new int[bins];
        var confidence = new double[bins];
        var correct = new int[bins];
        for (int s = 0; s < labels.Length; s++)
        {
            var p = probabilities.Slice(s * classCount, classCount);
            int top = TopClass(p);
            int b = Math.Min((int)(p[top] * bins), bins - 1);
            count[b]++;
            confidence[b] += p[top];
            correct[b] += top == labels[s] ? 1 : 0;
        }

        var result = new CalibrationBin[bins];
        for (int b = 0; b < bins; b++)
        {
            result[b] = new CalibrationBin((double)b / bins, (double)(b + 1) / bins, count[b],
                count[b] > 0 ? confidence[b] / count[b] : 0, count[b] > 0 ? (double)correct[b] / count[b] : 0);
        }

        return result;
    }

    /// <summary>Expected calibration error: <c>Σ_b (n_b / n) · |accuracy_b − confidence_b|</c>.</summary>
    /// <param name="bins">Bins from <see cref="ReliabilityBins"/>.</param>
    /// <returns>The ECE in [0, 1].</returns>
    public static double ExpectedCalibrationError(IReadOnlyList<CalibrationBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        double n = bins.Sum(b => b.Count), ece = 0;
        foreach (var b in bins)
        {
            ece += b.Count / n * Math.Abs(b.Accuracy - b.MeanConfidence);
        }

        return n > 0 ? ece : 0;
    }

    /// <summary>
    /// The multi-class Brier score <c>(1/n) Σ_s Σ_k (p_sk − [y_s = k])²</c>, in [0, 2]; for two classes it is twice
    /// the binary Brier score of the positive class.
    /// </summary>
    /// <param name="probabilities"><c>n × K</c> probabilities.</param>
    /// <param name="labels">True classes.</param>
    /// <param name="classCount">K.</param>
    /// <returns>The score (lower is better).</returns>
    public static double BrierScore(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int classCount)
    {
        double sum = 0;
        for (int s = 0; s < labels.Length; s++)
        {
            for (int k = 0; k < classCount; k++)
            {
                double d = probabilities[(s * classCount) + k] - (labels[s] == k ? 1 : 0);
                sum += d * d;
            }
        }

        return labels.Length > 0 ? sum / labels.Length : 0;
    }

    /// <summary>The index of the largest value (the first one on ties).</summary>
    /// <param name="values">The values.</param>
    /// <returns>The index.</returns>
    public static int TopClass(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }
}
