using IcedServerless.Model.Layers;

namespace IcedServerless.Model.Tests.Layers;

public class GradientTests
{
    private static T Randomised<T>(T layer)
        where T : Layer
    {
        layer.Initialize(new DeterministicRandom(3));
        var random = new DeterministicRandom(4);
        foreach (var p in layer.Parameters)
        {
            for (int i = 0; i < p.Value.Length; i++)
            {
                p.Value[i] += random.NextDouble(-0.3, 0.3);
            }
        }

        return layer;
    }

    [Theory]
    [InlineData(1, 3, 6, 3, 1, 0)]
    [InlineData(2, 3, 7, 3, 2, 1)]
    [InlineData(1, 2, 8, 5, 2, 2)]
    [InlineData(3, 2, 5, 2, 3, 1)]
    public void Conv2d_MatchesFiniteDifferences(int inChannels, int outChannels, int size, int kernel, int stride, int padding) =>
        GradientCheck.Verify(Randomised(new Conv2d("c", new TensorShape(inChannels, size, size), outChannels, kernel, stride, padding)), batch: 3);

    [Fact]
    public void Conv2d_NonSquareInput_MatchesFiniteDifferences() =>
        GradientCheck.Verify(Randomised(new Conv2d("c", new TensorShape(2, 5, 8), 2, 3, 2, 1)), batch: 2);

    [Fact]
    public void Dense_MatchesFiniteDifferences() =>
        GradientCheck.Verify(Randomised(new Dense("d", TensorShape.Vector(7), 4)), batch: 5);

    [Fact]
    public void AvgPool2d_MatchesFiniteDifferences() =>
        GradientCheck.Verify(new AvgPool2d("p", new TensorShape(2, 7, 7), 3, 2), batch: 2);

    [Fact]
    public void Flatten_MatchesFiniteDifferences() =>
        GradientCheck.Verify(new Flatten("f", new TensorShape(2, 3, 4)), batch: 2);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PolyActivation_MatchesFiniteDifferences(bool perChannel) =>
        GradientCheck.Verify(Randomised(new PolyActivation("a", new TensorShape(3, 2, 2), perChannel)), batch: 4);

    [Fact]
    public void PolyActivation_BoundPenalty_MatchesFiniteDifferences()
    {
        // Bound 0.5 with inputs up to 1.5: many inputs are beyond it, so the penalty's gradient is exercised.
        var layer = Randomised(new PolyActivation("a", new TensorShape(2, 3, 3), perChannel: true));
        layer.Bound = 0.5;
        layer.BoundPenalty = 0.7;
        GradientCheck.Verify(layer, batch: 3);
        Assert.True(layer.LastPenalty > 0);
    }

    [Fact]
    public void BatchNorm_TrainingMode_MatchesFiniteDifferences() =>
        GradientCheck.Verify(Randomised(new BatchNorm("b", new TensorShape(3, 2, 3))), batch: 4, tolerance: 1e-5);

    [Fact]
    public void BatchNorm_OnVectors_MatchesFiniteDifferences() =>
        GradientCheck.Verify(Randomised(new BatchNorm("b", TensorShape.Vector(5))), batch: 6, tolerance: 1e-5);

    [Fact]
    public void Sequential_BackwardChainsLayerGradients()
    {
        // A whole small network against finite differences of its first convolution's weights.
        var shape = new TensorShape(1, 6, 6);
        var conv = new Conv2d("c", shape, 2, 3, 2, 1);
        var act = new PolyActivation("a", conv.OutputShape, true);
        var flat = new Flatten("f", conv.OutputShape);
        var dense = new Dense("d", flat.OutputShape, 2);
        var net = new Sequential(shape, [conv, new BatchNorm("b", conv.OutputShape), act, flat, dense]);
        net.Initialize(new DeterministicRandom(9));
        var random = new DeterministicRandom(10);
        var input = GradientCheck.Random(random, 3 * 36, 1);
        var r = GradientCheck.Random(random, 3 * 2, 1);

        double Loss()
        {
            var y = net.Forward(input, 3, training: true).Span;
            double s = 0;
            for (int i = 0; i < r.Length; i++)
            {
                s += r[i] * y[i];
            }

            return s;
        }

        Loss();
        net.Backward(r, 3);
        var analytic = (double[])conv.Weight.Gradient.Clone();
        for (int i = 0; i < analytic.Length; i++)
        {
            double saved = conv.Weight.Value[i];
            conv.Weight.Value[i] = saved + 1e-6;
            double plus = Loss();
            conv.Weight.Value[i] = saved - 1e-6;
            double minus = Loss();
            conv.Weight.Value[i] = saved;
            Assert.Equal((plus - minus) / 2e-6, analytic[i], 5);
        }
    }
}
