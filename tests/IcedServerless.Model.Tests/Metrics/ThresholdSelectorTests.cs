using IcedServerless.Model.Metrics;

namespace IcedServerless.Model.Tests.Metrics;

public class ThresholdSelectorTests
{
    [Fact]
    public void SeparableScores_ThresholdLiesInTheGap() =>
        Assert.Equal(0.5, ThresholdSelector.MaximizeYoudenJ([0.1, 0.2, 0.8, 0.9], [false, false, true, true]), 12);

    [Fact]
    public void EqualJ_PrefersTheCandidateNearestOneHalf()
    {
        // J = 0.75 at 0.375 (all positives, 3/4 negatives) and at 0.675 (3/4 positives, all negatives).
        double[] scores = [0.1, 0.2, 0.3, 0.45, 0.6, 0.75, 0.8, 0.9];
        bool[] positive = [false, false, false, true, false, true, true, true];
        Assert.Equal(0.375, ThresholdSelector.MaximizeYoudenJ(scores, positive), 12);
    }

    [Fact]
    public void HigherJ_WinsOverNearnessToOneHalf()
    {
        // Only a threshold between 0.8 and 0.9 separates the classes (J = 1); nearer 0.5, J is at most 0.5.
        Assert.Equal(0.85, ThresholdSelector.MaximizeYoudenJ([0.1, 0.2, 0.6, 0.8, 0.9, 0.95], [false, false, false, false, true, true]), 12);
    }

    [Fact]
    public void OneClassOnly_Throws() =>
        Assert.Throws<ArgumentException>(() => ThresholdSelector.MaximizeYoudenJ([0.1, 0.2], [true, true]));

    [Fact]
    public void OneStandardErrorRule_PrefersOneHalfWhenTheGainIsWithinNoise()
    {
        // Negatives: 17 low (0.05..0.21) and 3 high (0.70, 0.75, 0.80). Positives: one at 0.30, 19 at 0.55..0.91.
        // Best J = 0.85 at 0.255 (sensitivity 1, specificity 0.85); at 0.5, J = 0.80. The standard error at the best
        // is sqrt(0.85·0.15/20) ≈ 0.080 > 0.05, so the rule keeps 0.5; plain Youden takes 0.255.
        var scores = new List<double>();
        var positive = new List<bool>();
        for (int k = 0; k < 17; k++)
        {
            scores.Add(0.05 + (0.01 * k));
            positive.Add(false);
        }

        scores.AddRange([0.70, 0.75, 0.80, 0.30]);
        positive.AddRange([false, false, false, true]);
        for (int k = 0; k < 19; k++)
        {
            scores.Add(0.55 + (0.02 * k));
            positive.Add(true);
        }

        Assert.Equal(0.255, ThresholdSelector.MaximizeYoudenJ([.. scores], [.. positive]), 12);
        Assert.Equal(0.5, ThresholdSelector.SelectOnValidation([.. scores], [.. positive]), 12);
        Assert.Equal(0.85, ThresholdSelector.YoudenJ([.. scores], [.. positive], 0.255), 12);
        Assert.Equal(0.80, ThresholdSelector.YoudenJ([.. scores], [.. positive], 0.5), 12);
    }

    [Fact]
    public void OneStandardErrorRule_KeepsAThresholdWhoseGainIsBeyondNoise()
    {
        // Perfectly separable at 0.3 (J = 1, standard error 0) but not at 0.5 (one positive at 0.35 is missed).
        double[] scores = [0.05, 0.1, 0.15, 0.2, 0.25, 0.35, 0.6, 0.7, 0.8, 0.9];
        bool[] positive = [false, false, false, false, false, true, true, true, true, true];
        Assert.Equal(0.3, ThresholdSelector.SelectOnValidation(scores, positive), 12);
    }
}
