using IcedServerless.Model.Layers;
using IcedServerless.Model.Tests.Layers;
using IcedServerless.Model.Training;

namespace IcedServerless.Model.Tests.Training;

public class BatchNormFoldingTests
{
    /// <summary>The released architecture with trained-looking, non-trivial batch-norm statistics.</summary>
    private static Sequential TrainedLookingNetwork()
    {
        var net = new CnnArchitecture().Build(28, 2);
        net.Initialize(new DeterministicRandom(11));
        var random = new DeterministicRandom(12);
        foreach (var bn in net.Layers.OfType<BatchNorm>())
        {
            for (int c = 0; c < bn.RunningMean.Length; c++)
            {
                bn.RunningMean[c] = random.NextDouble(-2, 2);
                bn.RunningVariance[c] = random.NextDouble(0.2, 5);
                bn.Gamma.Value[c] = random.NextDouble(0.5, 2);
                bn.Beta.Value[c] = random.NextDouble(-1, 1);
            }
        }

        foreach (var p in net.Parameters.Where(p => p.Name == "bias"))
        {
            for (int i = 0; i < p.Value.Length; i++)
            {
                p.Value[i] = random.NextDouble(-0.5, 0.5);
            }
        }

        return net;
    }

    [Fact]
    public void FoldedNetwork_ComputesTheSameOutputsAsTheUnfoldedOne()
    {
        var net = TrainedLookingNetwork();
        var folded = BatchNormFolding.Fold(net);
        var input = GradientCheck.Random(new DeterministicRandom(13), 20 * 784, 2.5);
        var expected = net.Forward(input, 20, training: false).ToArray();
        var actual = folded.Forward(input, 20, training: false).ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-9 * Math.Max(1, Math.Abs(expected[i])));
        }

        Assert.DoesNotContain(folded.Layers, l => l.Kind == LayerKind.BatchNorm);
        Assert.Equal(net.Layers.Count - 2, folded.Layers.Count);
        Assert.Equal(net.MultiplicativeDepth, folded.MultiplicativeDepth);
        Assert.Equal(net.MultiplyAccumulates, folded.MultiplyAccumulates);
    }

    [Fact]
    public void Fold_LeavesTheOriginalUntouched()
    {
        var net = TrainedLookingNetwork();
        var before = net.Parameters.SelectMany(p => p.Value).ToArray();
        BatchNormFolding.Fold(net);
        Assert.Equal(before, net.Parameters.SelectMany(p => p.Value).ToArray());
    }

    [Fact]
    public void BatchNormNotAfterALinearLayer_CannotBeFolded()
    {
        var shape = TensorShape.Vector(4);
        var net = new Sequential(shape, [new PolyActivation("a", shape, true), new BatchNorm("b", shape), new Dense("d", shape, 2)]);
        Assert.Throws<InvalidOperationException>(() => BatchNormFolding.Fold(net));
        var leading = new Sequential(shape, [new BatchNorm("b", shape), new Dense("d", shape, 2)]);
        Assert.Throws<InvalidOperationException>(() => BatchNormFolding.Fold(leading));
    }
}
