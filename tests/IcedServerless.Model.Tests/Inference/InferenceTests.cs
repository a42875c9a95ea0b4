using IcedServerless.Model.Inference;

namespace IcedServerless.Model.Tests.Inference;

public class InferenceTests
{
    [Fact]
    public void Softmax_MatchesTheDefinitionAndIsStableForLargeLogits()
    {
        var p = new double[3];
        Softmax.Apply([1, 2, 3], p);
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(1) / z, p[0], 15);
        Assert.Equal(Math.Exp(3) / z, p[2], 15);

        Softmax.Apply([1000, 1000], p.AsSpan(0, 2));
        Assert.Equal(0.5, p[0]);
        Assert.Throws<ArgumentException>(() => Softmax.Apply([1, 2], new double[3]));
    }

    [Fact]
    public void DecisionRule_ThresholdAndArgmax()
    {
        var rule = DecisionRule.ForThreshold(1, 0.3, "x");
        Assert.Equal(1, rule.Predict([0.65, 0.35]));
        Assert.Equal(0, rule.Predict([0.75, 0.25]));
        Assert.Equal(0, DecisionRule.Argmax.Predict([0.65, 0.35]));
        Assert.Equal(2, DecisionRule.Argmax.Predict([0.2, 0.3, 0.5]));
        Assert.Throws<ArgumentException>(() => rule.Predict([0.2, 0.3, 0.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionRule.ForThreshold(1, 1.5, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionRule.ForThreshold(2, 0.5, "x"));
    }
}
