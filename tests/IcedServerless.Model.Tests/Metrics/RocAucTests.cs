using IcedServerless.Model.Metrics;

namespace IcedServerless.Model.Tests.Metrics;

public class RocAucTests
{
    [Fact]
    public void Binary_CountsCorrectlyOrderedPairs()
    {
        // Pairs (positive, negative): (0.35, 0.1) ✓, (0.35, 0.4) ✗, (0.8, 0.1) ✓, (0.8, 0.4) ✓ → 3/4.
        Assert.Equal(0.75, RocAuc.Binary([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);
    }

    [Fact]
    public void Binary_TiesCountOneHalf()
    {
        // The positive at 0.5 ties both negatives (½ + ½), the positive at 0.9 beats both (2): 3 of 4 pairs.
        Assert.Equal(0.75, RocAuc.Binary([0.5, 0.5, 0.5, 0.9], [false, true, false, true]), 12);
        Assert.Equal(0.5, RocAuc.Binary([0.3, 0.3, 0.3], [true, false, false]), 12);
    }

    [Fact]
    public void Binary_PerfectAndInverted()
    {
        Assert.Equal(1, RocAuc.Binary([0.1, 0.2, 0.7, 0.9], [false, false, true, true]));
        Assert.Equal(0, RocAuc.Binary([0.9, 0.7, 0.2, 0.1], [false, false, true, true]));
    }

    [Fact]
    public void Binary_MissingClass_IsNaN() => Assert.True(double.IsNaN(RocAuc.Binary([0.1, 0.2], [true, true])));

    [Fact]
    public void Binary_InvalidInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => RocAuc.Binary([0.1], [true, false]));
        Assert.Throws<ArgumentException>(() => RocAuc.Binary([double.NaN, 0.2], [true, false]));
    }

    [Fact]
    public void OneVsRest_ScoresEachClassByItsOwnProbability()
    {
        double[] p =
        [
            0.7, 0.2, 0.1,
            0.2, 0.5, 0.3,
            0.1, 0.3, 0.6,
            0.4, 0.4, 0.2,
        ];
        int[] labels = [0, 1, 2, 1];
        var auc = RocAuc.OneVsRest(p, labels, 3);

        // Class 0: positive 0.7 beats 0.2, 0.1, 0.4 → 1. Class 1: positives 0.5 and 0.4 vs negatives 0.2, 0.3 → 1.
        // Class 2: positive 0.6 vs 0.1, 0.3, 0.2 → 1.
        Assert.Equal([1.0, 1.0, 1.0], auc);
        labels = [1, 0, 2, 1];

        // Class 0 now: positive 0.2 vs negatives 0.7, 0.1, 0.4 → 1 of 3.
        Assert.Equal(1.0 / 3, RocAuc.OneVsRest(p, labels, 3)[0], 12);
        Assert.Equal(RocAuc.OneVsRest(p, labels, 3).Average(), RocAuc.Summary(p, labels, 3), 12);
    }
}
