namespace IcedServerless.Model.Metrics;

/// <summary>Chooses a binary decision threshold on a validation split (never on the test split).</summary>
public static class ThresholdSelector
{
    /// <summary>The name recorded in model files for <see cref="MaximizeYoudenJ"/>.</summary>
    public const string YoudenJ = "youden-j on validation";

    /// <summary>
    /// The threshold maximising Youden's J = sensitivity + specificity − 1, i.e. balanced accuracy, which does not
    /// depend on the class mix of the split it is chosen on. Candidates are midpoints between consecutive distinct
    /// scores; "positive" means score ≥ threshold. Ties go to the candidate nearest 0.5.
    /// </summary>
    /// <param name="scores">Positive-class probabilities.</param>
    /// <param name="positive">Whether each sample is positive.</param>
    /// <returns>The threshold in [0, 1].</returns>
    /// <exception cref="ArgumentException">Either class is missing or the lengths differ.</exception>
    public static double MaximizeYoudenJ(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length)
        {
            throw new ArgumentException("Each score needs exactly one label.", nameof(positive));
        }

        int n = scores.Length, positives = 0;
        var keys = scores.ToArray();
        var flags = positive.ToArray();
        Array.Sort(keys, flags);
        foreach (bool p in flags)
        {
            positives += p ? 1 : 0;
        }

        int negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("Choosing a threshold needs both classes.", nameof(positive));
        }

        // Walk thresholds upwards; below keys[0] everything is positive (sensitivity 1, specificity 0).
        double bestJ = -1, bestT = 0.5;
        int negativesBelow = 0, positivesBelow = 0;
        for (int i = 0; i < n; i++)
        {
            if (flags[i])
            {
                positivesBelow++;
            }
            else
            {
                negativesBelow++;
            }

            if (i + 1 < n && keys[i + 1] == keys[i])
            {
                continue;
            }

            double t = i + 1 < n ? (keys[i] + keys[i + 1]) / 2 : Math.Min(1, keys[i] + 1e-12);
            double j = ((double)(positives - positivesBelow) / positives) + ((double)negativesBelow / negatives) - 1;
            if (j > bestJ + 1e-12 || (Math.Abs(j - bestJ) <= 1e-12 && Math.Abs(t - 0.5) < Math.Abs(bestT - 0.5)))
            {
                bestJ = j;
                bestT = t;
            }
        }

        return bestT;
    }
}
