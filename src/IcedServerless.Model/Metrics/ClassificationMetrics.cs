using IcedServerless.Model.Inference;

namespace IcedServerless.Model.Metrics;

/// <summary>The metrics of a classifier on one labelled split.</summary>
public sealed record ClassificationMetrics
{
    /// <summary>The number of samples.</summary>
    public required int SampleCount { get; init; }

    /// <summary>Fraction of predictions (under the decision rule) that are correct.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Mean per-class sensitivity.</summary>
    public required double BalancedAccuracy { get; init; }

    /// <summary>Binary AUC of the positive class (two classes) or the macro mean of one-vs-rest AUCs.</summary>
    public required double RocAuc { get; init; }

    /// <summary><c>binary</c> or <c>macro-one-vs-rest</c>.</summary>
    public required string RocAucKind { get; init; }

    /// <summary>Counts <c>[true class][predicted class]</c>.</summary>
    public required int[][] ConfusionMatrix { get; init; }

    /// <summary>Per-class sensitivity, specificity, precision and AUC.</summary>
    public required ClassMetrics[] PerClass { get; init; }

    /// <summary>Expected calibration error over <see cref="Calibration.DefaultBins"/> equal-width top-class bins.</summary>
    public required double ExpectedCalibrationError { get; init; }

    /// <summary>Multi-class Brier score (see <see cref="Metrics.Calibration.BrierScore"/>).</summary>
    public required double BrierScore { get; init; }

    /// <summary>The reliability diagram behind the ECE.</summary>
    public required CalibrationBin[] Calibration { get; init; }

    /// <summary>The decision rule the predictions used, as text.</summary>
    public required string DecisionRule { get; init; }

    /// <summary>Computes every metric.</summary>
    /// <param name="probabilities"><c>n × K</c> class probabilities.</param>
    /// <param name="labels">The n true classes.</param>
    /// <param name="classNames">The K class names.</param>
    /// <param name="rule">How probabilities become predictions.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">The sizes disagree or there are no samples.</exception>
    public static ClassificationMetrics Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, IReadOnlyList<string> classNames, DecisionRule rule)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(rule);
        int k = classNames.Count, n = labels.Length;
        if (k < 2 || n == 0 || probabilities.Length != n * k)
        {
            throw new ArgumentException($"Metrics need at least one sample and two classes; got {n} labels, {k} classes and {probabilities.Length} probabilities.");
        }

        var predictions = rule.PredictAll(probabilities, k);
        var confusion = new int[k][];
        for (int i = 0; i < k; i++)
        {
            confusion[i] = new int[k];
        }

        int correct = 0;
        for (int s = 0; s < n; s++)
        {
            confusion[labels[s]][predictions[s]]++;
            correct += labels[s] == predictions[s] ? 1 : 0;
        }

        var auc = Metrics.RocAuc.OneVsRest(probabilities, labels, k);
        var perClass = new ClassMetrics[k];
        for (int c = 0; c < k; c++)
        {
            int tp = confusion[c][c];
            int fn = confusion[c].Sum() - tp;
            int fp = confusion.Sum(row => row[c]) - tp;
            int tn = n - tp - fn - fp;
            perClass[c] = new ClassMetrics(classNames[c], tp + fn, Ratio(tp, tp + fn), Ratio(tn, tn + fp), Ratio(tp, tp + fp), auc[c]);
        }

        var bins = Metrics.Calibration.ReliabilityBins(probabilities, labels, k);
        return new ClassificationMetrics
        {
            SampleCount = n,
            Accuracy = (double)correct / n,
            BalancedAccuracy = perClass.Where(c => c.Support > 0).Average(c => c.Sensitivity),
            RocAuc = k == 2 ? auc[1] : auc.Average(),
            RocAucKind = k == 2 ? "binary" : "macro-one-vs-rest",
            ConfusionMatrix = confusion,
            PerClass = perClass,
            ExpectedCalibrationError = Metrics.Calibration.ExpectedCalibrationError(bins),
            BrierScore = Metrics.Calibration.BrierScore(probabilities, labels, k),
            Calibration = bins,
            DecisionRule = rule.ToString(),
        };
    }

    private static double Ratio(int numerator, int denominator) => denominator > 0 ? (double)numerator / denominator : double.NaN;
}
