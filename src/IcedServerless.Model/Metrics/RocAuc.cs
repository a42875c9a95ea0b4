namespace IcedServerless.Model.Metrics;

/// <summary>
/// Area under the ROC curve, computed exactly as the Mann–Whitney statistic: the probability that a random
/// positive scores above a random negative, ties counting one half (mid-ranks).
/// </summary>
public static class RocAuc
{
    /// <summary>The AUC of <paramref name="scores"/> for the samples flagged in <paramref name="positive"/>.</summary>
    /// <param name="scores">One score per sample; higher means more likely positive.</param>
    /// <param name="positive">Whether each sample is positive.</param>
    /// <returns>The AUC in [0, 1], or NaN when either class is absent.</returns>
    /// <exception cref="ArgumentException">The lengths differ or a score is NaN.</exception>
    public static double Binary(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length)
        {
            throw new ArgumentException("Each score needs exactly one label.", nameof(positive));
        }

        int n = scores.Length;
        var order = new int[n];
        var keys = scores.ToArray();
        if (keys.Any(double.IsNaN))
        {
            throw new ArgumentException("Scores must not be NaN.", nameof(scores));
        }

        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        long positives = 0;
        double rankSum = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && keys[end + 1] == keys[start])
            {
                end++;
            }

            // Ranks start..end (1-based start+1..end+1) are tied: each gets their mean.
            double midRank = ((start + end) / 2.0) + 1;
            for (int i = start; i <= end; i++)
            {
                if (positive[order[i]])
                {
                    positives++;
                    rankSum += midRank;
                }
            }

            start = end + 1;
        }

        long negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>One-vs-rest AUC of every class, scored by its predicted probability.</summary>
    /// <param name="probabilities"><c>n × K</c> class probabilities.</param>
    /// <param name="labels">The true class of each sample.</param>
    /// <param name="classCount">K.</param>
    /// <returns>K AUC values (NaN for a class absent from, or alone in, the labels).</returns>
    public static double[] OneVsRest(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int classCount)
    {
        int n = labels.Length;
        var scores = new double[n];
        var positive = new bool[n];
        var result = new double[classCount];
        for (int k = 0; k < classCount; k++)
        {
            for (int s = 0; s < n; s++)
            {
                scores[s] = probabilities[(s * classCount) + k];
                positive[s] = labels[s] == k;
            }

            result[k] = Binary(scores, positive);
        }

        return result;
    }

    /// <summary>
    /// The headline AUC: the binary AUC of class 1 for two classes, else the macro mean of the one-vs-rest AUCs.
    /// </summary>
    /// <param name="probabilities"><c>n × K</c> class probabilities.</param>
    /// <param name="labels">The true class of each sample.</param>
    /// <param name="classCount">K.</param>
    /// <returns>The AUC (NaN if a class is missing).</returns>
    public static double Summary(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int classCount)
    {
        var auc = OneVsRest(probabilities, labels, classCount);
        return classCount == 2 ? auc[1] : auc.Average();
    }
}
