using IcedServerless.Model.Inference;
using IcedServerless.Model.Metrics;

namespace IcedServerless.Model.Tests.Metrics;

public class CalibrationAndMetricsTests
{
    private static readonly double[] TwoClass = [0.9, 0.1, 0.8, 0.2, 0.3, 0.7, 0.45, 0.55];
    private static readonly int[] TwoClassLabels = [0, 1, 1, 0];

    [Fact]
    public void ExpectedCalibrationError_MatchesHandComputation()
    {
        // Top-class confidences 0.9 ✓, 0.8 ✗, 0.7 ✓, 0.55 ✗ fall in bins 9, 8, 7 and 5, one each:
        // ECE = (|1 − 0.9| + |0 − 0.8| + |1 − 0.7| + |0 − 0.55|) / 4.
        var bins = Calibration.ReliabilityBins(TwoClass, TwoClassLabels, 2);
        Assert.Equal(10, bins.Length);
        Assert.Equal([0, 0, 0, 0, 0, 1, 0, 1, 1, 1], bins.Select(b => b.Count));
        Assert.Equal(0.4375, Calibration.ExpectedCalibrationError(bins), 12);
    }

    [Fact]
    public void ConfidenceOfOne_FallsInTheLastBin()
    {
        var bins = Calibration.ReliabilityBins([1.0, 0.0], [0], 2);
        Assert.Equal(1, bins[9].Count);
        Assert.Equal(0, Calibration.ExpectedCalibrationError(bins), 12);
    }

    [Fact]
    public void BrierScore_MatchesHandComputation()
    {
        // Σ_k (p − y)² per sample: 0.02, 1.28, 0.18, 0.605 → mean 0.52125.
        Assert.Equal(0.52125, Calibration.BrierScore(TwoClass, TwoClassLabels, 2), 12);
    }

    [Fact]
    public void ThreeClassMetrics_MatchHandComputation()
    {
        double[] p =
        [
            0.8, 0.1, 0.1, // true 0 → 0
            0.3, 0.6, 0.1, // true 0 → 1
            0.1, 0.8, 0.1, // true 1 → 1
            0.2, 0.5, 0.3, // true 1 → 1
            0.1, 0.2, 0.7, // true 2 → 2
            0.5, 0.2, 0.3, // true 2 → 0
        ];
        var m = ClassificationMetrics.Compute(p, [0, 0, 1, 1, 2, 2], ["a", "b", "c"], DecisionRule.Argmax);
        Assert.Equal([[1, 1, 0], [0, 2, 0], [1, 0, 1]], m.ConfusionMatrix);
        Assert.Equal(4.0 / 6, m.Accuracy, 12);
        Assert.Equal(2.0 / 3, m.BalancedAccuracy, 12);
        Assert.Equal("macro-one-vs-rest", m.RocAucKind);
        Assert.Equal((0.5, 0.75, 0.5), (m.PerClass[0].Sensitivity, m.PerClass[0].Specificity, m.PerClass[0].Precision));
        Assert.Equal((1.0, 0.75), (m.PerClass[1].Sensitivity, m.PerClass[1].Specificity));
        Assert.Equal(2.0 / 3, m.PerClass[1].Precision, 12);
        Assert.Equal((0.5, 1.0, 1.0), (m.PerClass[2].Sensitivity, m.PerClass[2].Specificity, m.PerClass[2].Precision));
        Assert.Equal([2, 2, 2], m.PerClass.Select(c => c.Support));
        Assert.Equal(m.PerClass.Average(c => c.RocAuc), m.RocAuc, 12);
    }

    [Fact]
    public void BinaryMetrics_UseTheThresholdRule()
    {
        // Positive-class probabilities 0.1, 0.2, 0.7, 0.55: with threshold 0.6 only the third is called positive,
        // although argmax would call the fourth positive too.
        var rule = DecisionRule.ForThreshold(1, 0.6, "test");
        var m = ClassificationMetrics.Compute(TwoClass, TwoClassLabels, ["neg", "pos"], rule);
        Assert.Equal([[2, 0], [1, 1]], m.ConfusionMatrix);
        Assert.Equal("binary", m.RocAucKind);
        Assert.Equal(0.75, m.Accuracy, 12);
        Assert.Equal(0.5, m.PerClass[1].Sensitivity, 12);
        Assert.Equal(1, m.PerClass[1].Specificity, 12);
        Assert.Equal([[1, 1], [1, 1]], ClassificationMetrics.Compute(TwoClass, TwoClassLabels, ["neg", "pos"], DecisionRule.Argmax).ConfusionMatrix);
    }

    [Fact]
    public void ClassNeverPredicted_HasUndefinedPrecision()
    {
        var m = ClassificationMetrics.Compute([0.9, 0.1, 0.8, 0.2], [0, 1], ["a", "b"], DecisionRule.Argmax);
        Assert.True(double.IsNaN(m.PerClass[1].Precision));
        Assert.Equal(0, m.PerClass[1].Sensitivity);
    }

    [Fact]
    public void MismatchedSizes_Throw() =>
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0.5, 0.5], [0, 1], ["a", "b"], DecisionRule.Argmax));
}
