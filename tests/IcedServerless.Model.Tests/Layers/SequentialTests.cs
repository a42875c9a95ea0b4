using IcedServerless.Model.Layers;
using IcedServerless.Model.Training;

namespace IcedServerless.Model.Tests.Layers;

public class SequentialTests
{
    [Fact]
    public void ReleasedArchitecture_HasDepthFiveAndFitsTheMacBudget()
    {
        var net = new CnnArchitecture().Build(28, 2);
        Assert.Equal(5, net.MultiplicativeDepth);
        Assert.Equal((8 * 13 * 13 * 25) + (8 * 13 * 13 * 16) + (16 * 2), net.MultiplyAccumulates);
        Assert.True(net.MultiplyAccumulates <= 60_000);
    }

    [Fact]
    public void WithoutHiddenLayer_DepthIsThree() =>
        Assert.Equal(3, new CnnArchitecture { HiddenUnits = 0 }.Build(28, 3).MultiplicativeDepth);

    [Fact]
    public void ConsecutiveLinearLayers_ShareOneLevel()
    {
        // conv → pool → flatten → dense compose into one linear map: one level, then the activation, then dense.
        var input = new TensorShape(1, 8, 8);
        var conv = new Conv2d("c", input, 2, 3, 1, 1);
        var pool = new AvgPool2d("p", conv.OutputShape, 2, 2);
        var flat = new Flatten("f", pool.OutputShape);
        var d1 = new Dense("d1", flat.OutputShape, 4);
        var act = new PolyActivation("a", d1.OutputShape, true);
        var d2 = new Dense("d2", act.OutputShape, 2);
        Assert.Equal(3, new Sequential(input, [conv, pool, flat, d1, act, d2]).MultiplicativeDepth);
    }

    [Fact]
    public void MismatchedShapes_AreRejected()
    {
        var input = new TensorShape(1, 8, 8);
        var conv = new Conv2d("c", input, 2, 3, 1, 1);
        Assert.Throws<ArgumentException>(() => new Sequential(input, [conv, new Dense("d", TensorShape.Vector(10), 2)]));
        Assert.Throws<ArgumentException>(() => new Sequential(new TensorShape(1, 9, 9), [conv]));
        Assert.Throws<ArgumentException>(() => new Sequential(input, []));
    }

    [Fact]
    public void DuplicateNames_AreRejected()
    {
        var input = TensorShape.Vector(4);
        Assert.Throws<ArgumentException>(() => new Sequential(input, [new Dense("x", input, 4), new Dense("x", input, 2)]));
    }

    [Fact]
    public void Backward_WithoutTrainingForward_Throws()
    {
        var input = TensorShape.Vector(4);
        var net = new Sequential(input, [new Dense("d", input, 2)]);
        net.Forward(new double[8], 2, training: false);
        Assert.Throws<InvalidOperationException>(() => net.Backward(new double[4], 2));
    }

    [Fact]
    public void Results_DoNotDependOnTheDegreeOfParallelism()
    {
        var net = new CnnArchitecture().Build(28, 3);
        net.Initialize(new DeterministicRandom(5));
        var input = Layers.GradientCheck.Random(new DeterministicRandom(6), 16 * 784, 2);
        var grad = Layers.GradientCheck.Random(new DeterministicRandom(7), 16 * 3, 1);
        double[] Run(int degree)
        {
            int saved = Parallelism.Degree;
            Parallelism.Degree = degree;
            try
            {
                var logits = net.Forward(input, 16, training: true).ToArray();
                net.Backward(grad, 16);
                return [.. logits, .. net.Parameters.SelectMany(p => p.Gradient)];
            }
            finally
            {
                Parallelism.Degree = saved;
            }
        }

        Assert.Equal(Run(1), Run(4));
    }
}
