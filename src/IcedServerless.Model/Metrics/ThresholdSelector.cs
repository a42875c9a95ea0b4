namespace IcedServerless.Model.Metrics;

/// <summary>Chooses a binary decision threshold on a validation split (never on the test split).</summary>
public static class ThresholdSelector
{
    /// <summary>The name recorded in model files for <see cref="SelectOnValidation"/>.</summary>
    public const string OneStandardErrorYouden = "youden-j, one-standard-error rule toward 0.5, on validation";

    /// <summary>
    /// The threshold maximising Youden's J = sensitivity + specificity − 1 (balanced accuracy, which does not depend
    /// on the class mix of the split). Candidates are midpoints between consecutive distinct scores; "positive"
    /// means score ≥ threshold. Ties go to the candidate nearest 0.5.
    /// </summary>
    /// <param name="scores">Positive-class probabilities.</param>
    /// <param name="positive">Whether each sample is positive.</param>
    /// <returns>The threshold in [0, 1].</returns>
    /// <exception cref="ArgumentException">Either class is missing or the lengths differ.</exception>
    public static double MaximizeYoudenJ(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive) =>
        Select(scores, positive, standardErrors: 0);

    /// <summary>
    /// The one-standard-error rule applied to Youden's J: among thresholds whose J is within one standard error of
    /// the best J, the one nearest 0.5. With class-weighted training, 0.5 is the decision point a model aims at
    /// for balanced accuracy; a small validation split moves the threshold away from it only when the gain in J
    /// exceeds the estimate's own sampling error, <c>sqrt(se(1 − se)/n₊ + sp(1 − sp)/n₋)</c> at the best J.
    /// </summary>
    /// <param name="scores">Positive-class probabilities on the validation split.</param>
    /// <param name="positive">Whether each sample is positive.</param>
    /// <returns>The threshold in [0, 1].</returns>
    /// <exception cref="ArgumentException">Either class is missing or the lengths differ.</exception>
    public static double SelectOnValidation(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive) =>
        Select(scores, positive, standardErrors: 1);

    /// <summary>Youden's J of <paramref name="threshold"/> on the given scores.</summary>
    /// <param name="scores">Positive-class probabilities.</param>
    /// <param name="positive">Whether each sample is positive.</param>
    /// <param name="threshold">Scores at or above it are called positive.</param>
    /// <returns>Sensitivity + specificity − 1.</returns>
    public static double YoudenJ(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, double threshold)
    {
        var (sensitivity, specificity) = Rates(scores, positive, threshold);
        return sensitivity + specificity - 1;
    }

    private static double Select(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, double standardErrors)
    {
        if (scores.Length != positive.Length)
        {
            throw new ArgumentException("Each score needs exactly one label.", nameof(positive));
        }

        int positives = 0;
        foreach (bool p in positive)
        {
            positives += p ? 1 : 0;
        }

        int negatives = scores.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("Choosing a threshold needs both classes.", nameof(positive));
        }

        var sorted = scores.ToArray();
        Array.Sort(sorted);
        var candidates = new List<double> { 0.5 };
        for (int i = 0; i + 1 < sorted.Length; i++)
        {
            if (sorted[i + 1] != sorted[i])
            {
                candidates.Add((sorted[i] + sorted[i + 1]) / 2);
            }
        }

        // Evaluate J everywhere (O(n²) for a validation split of a few hundred samples is negligible).
        var j = new double[candidates.Count];
        int best = 0;
        for (int c = 0; c < candidates.Count; c++)
        {
            j[c] = YoudenJ(scores, positive, candidates[c]);
            if (j[c] > j[best] + 1e-12 || (Math.Abs(j[c] - j[best]) <= 1e-12 && Nearer(candidates[c], candidates[best])))
            {
                best = c;
            }
        }

        var (se, sp) = Rates(scores, positive, candidates[best]);
        double tolerance = (standardErrors * Math.Sqrt((se * (1 - se) / positives) + (sp * (1 - sp) / negatives))) + 1e-12;
        double chosen = candidates[best];
        for (int c = 0; c < candidates.Count; c++)
        {
            if (j[c] >= j[best] - tolerance && Nearer(candidates[c], chosen))
            {
                chosen = candidates[c];
            }
        }

        return chosen;
    }

    private static bool Nearer(double a, double b) => Math.Abs(a - 0.5) < Math.Abs(b - 0.5);

    private static (double Sensitivity, double Specificity) Rates(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, double threshold)
    {
        int tp = 0, tn = 0, positives = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (positive[i])
            {
                positives++;
                tp += scores[i] >= threshold ? 1 : 0;
            }
            else
            {
                tn += scores[i] < threshold ? 1 : 0;
            }
        }

        int negatives = scores.Length - positives;
        return ((double)tp / positives, (double)tn / negatives);
    }
}
