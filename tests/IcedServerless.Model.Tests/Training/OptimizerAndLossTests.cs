using IcedServerless.Model.Layers;
using IcedServerless.Model.Training;

namespace IcedServerless.Model.Tests.Training;

public class OptimizerAndLossTests
{
    [Fact]
    public void AdamW_FirstStep_MovesEachWeightByTheLearningRateAgainstItsGradient()
    {
        var decayed = new Parameter("w", [2], weightDecay: true);
        var plain = new Parameter("b", [1], weightDecay: false);
        decayed.Value[0] = 1;
        decayed.Value[1] = -2;
        plain.Value[0] = 3;
        decayed.Gradient[0] = 0.5;
        decayed.Gradient[1] = -4;
        plain.Gradient[0] = 2;
        var adam = new AdamW([decayed, plain], epsilon: 0);
        adam.Step(learningRate: 0.1, weightDecay: 0.01);

        // Bias-corrected first step: m̂/√v̂ = sign(g); decay adds lr·λ·θ to flagged parameters only.
        Assert.Equal(1 - (0.1 * (1 + (0.01 * 1))), decayed.Value[0], 12);
        Assert.Equal(-2 - (0.1 * (-1 + (0.01 * -2))), decayed.Value[1], 12);
        Assert.Equal(3 - 0.1, plain.Value[0], 12);
    }

    [Fact]
    public void ClipGradients_ScalesToTheMaximumGlobalNorm()
    {
        var p = new Parameter("w", [2], weightDecay: false);
        p.Gradient[0] = 3;
        p.Gradient[1] = 4;
        var adam = new AdamW([p]);
        Assert.Equal(5, adam.ClipGradients(1));
        Assert.Equal(0.6, p.Gradient[0], 12);
        Assert.Equal(0.8, p.Gradient[1], 12);
        Assert.Equal(1, adam.ClipGradients(10), 12);
        Assert.Equal(0.6, p.Gradient[0], 12);
    }

    [Fact]
    public void WeightedCrossEntropy_MatchesHandComputation()
    {
        var loss = new WeightedCrossEntropy([1.0, 3.0]);
        double[] logits = [0, 0, 2, 0];
        int[] labels = [1, 0];
        var gradient = new double[4];
        double value = loss.Compute(logits, labels, gradient);

        double p = Math.Exp(2) / (Math.Exp(2) + 1);
        double expected = ((3 * Math.Log(2)) + (1 * -Math.Log(p))) / 2;
        Assert.Equal(expected, value, 12);
        Assert.Equal(3 * 0.5 / 2, gradient[0], 12);
        Assert.Equal(3 * -0.5 / 2, gradient[1], 12);
        Assert.Equal((p - 1) / 2, gradient[2], 12);
        Assert.Equal((1 - p) / 2, gradient[3], 12);
    }

    [Fact]
    public void Balanced_WeighsClassesInverselyToTheirFrequency()
    {
        var loss = WeightedCrossEntropy.Balanced([1214, 3494]);
        Assert.Equal(4708.0 / (2 * 1214), loss.ClassWeights[0], 12);
        Assert.Equal(4708.0 / (2 * 3494), loss.ClassWeights[1], 12);
        Assert.Throws<ArgumentException>(() => new WeightedCrossEntropy([1.0, -1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => loss.Compute(new double[2], [2], new double[2]));
    }
}
