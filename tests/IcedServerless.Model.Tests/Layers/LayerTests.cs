using IcedServerless.Model.Layers;

namespace IcedServerless.Model.Tests.Layers;

public class LayerTests
{
    private static double[] Run(Layer layer, double[] input, int batch = 1)
    {
        var output = new double[batch * layer.OutputShape.Size];
        layer.Forward(input, output, batch, training: false);
        return output;
    }

    [Fact]
    public void Conv2d_KnownAnswer_StrideAndZeroPadding()
    {
        // 3×3 input 1..9, one 2×2 kernel [[1, 0], [0, -1]] (weight order [out, in, kh, kw]), bias 0.5,
        // stride 2, padding 1 → output 2×2; taps in the padding read zero.
        var conv = new Conv2d("c", new TensorShape(1, 3, 3), 1, 2, 2, 1);
        double[] w = [1, 0, 0, -1];
        w.CopyTo(conv.Weight.Value, 0);
        conv.Bias.Value[0] = 0.5;
        var y = Run(conv, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.Equal(new TensorShape(1, 2, 2), conv.OutputShape);

        // (0,0): window rows -1..0, cols -1..0: 1·pad(0) − 1·x[0,0]=1 → −1 + 0.5
        // (0,1): rows -1..0, cols 1..2: 1·pad − x[0,2]=3 → −2.5
        // (1,0): rows 1..2, cols -1..0: 1·pad − x[2,0]=7 → −6.5
        // (1,1): rows 1..2, cols 1..2: x[1,1]=5 − x[2,2]=9 → −3.5
        Assert.Equal([-0.5, -2.5, -6.5, -3.5], y);
    }

    [Fact]
    public void Conv2d_MultiChannel_SumsOverInputChannels()
    {
        var conv = new Conv2d("c", new TensorShape(2, 2, 2), 2, 1, 1, 0);
        double[] w = [1, 10, -1, 0]; // out0 = 1·in0 + 10·in1, out1 = −in0
        w.CopyTo(conv.Weight.Value, 0);
        var y = Run(conv, [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal([51, 62, 73, 84, -1, -2, -3, -4], y);
        Assert.Equal(2 * 4 * 2 * 1 * 1, conv.MultiplyAccumulates);
    }

    [Theory]
    [InlineData(28, 5, 2, 1, 13)]
    [InlineData(28, 5, 2, 2, 14)]
    [InlineData(28, 5, 1, 0, 24)]
    [InlineData(64, 8, 4, 0, 15)]
    public void Conv2d_OutputSide_FollowsTheFloorFormula(int size, int kernel, int stride, int padding, int expected) =>
        Assert.Equal(expected, Conv2d.OutputFor(new TensorShape(1, size, size), 4, kernel, stride, padding).Height);

    [Theory]
    [InlineData(0, 3, 1, 0)]
    [InlineData(2, 0, 1, 0)]
    [InlineData(2, 3, 0, 0)]
    [InlineData(2, 3, 1, 3)]
    [InlineData(2, 9, 1, 0)]
    public void Conv2d_InvalidHyperParameters_Throw(int outChannels, int kernel, int stride, int padding) =>
        Assert.Throws<ArgumentException>(() => new Conv2d("c", new TensorShape(1, 4, 4), outChannels, kernel, stride, padding));

    [Fact]
    public void Dense_ComputesRowMajorProduct()
    {
        var dense = new Dense("d", TensorShape.Vector(3), 2);
        double[] w = [1, 2, 3, -1, 0, 1];
        w.CopyTo(dense.Weight.Value, 0);
        dense.Bias.Value[1] = 10;
        Assert.Equal([14, 12, 32, 12], Run(dense, [1, 2, 3, 4, 5, 6], batch: 2));
        Assert.Throws<ArgumentException>(() => new Dense("d", new TensorShape(2, 2, 2), 3));
    }

    [Fact]
    public void AvgPool2d_AveragesWindows()
    {
        var pool = new AvgPool2d("p", new TensorShape(1, 4, 4), 2, 2);
        var y = Run(pool, [1, 3, 0, 0, 5, 7, 0, 4, 1, 1, 2, 2, 1, 1, 2, 2]);
        Assert.Equal([4, 1, 1, 2], y);
        Assert.Equal(16, pool.MultiplyAccumulates);
    }

    [Fact]
    public void PolyActivation_EvaluatesPerChannelQuadratics()
    {
        var act = new PolyActivation("a", new TensorShape(2, 1, 2), perChannel: true);
        double[] a = [1, 0.5], b = [0, 2], c = [-1, 3];
        a.CopyTo(act.A.Value, 0);
        b.CopyTo(act.B.Value, 0);
        c.CopyTo(act.C.Value, 0);
        Assert.Equal([3, 8, 5.5, 3], Run(act, [2, -3, 1, -4])); // ch0: x²−1; ch1: x²/2 + 2x + 3
    }

    [Fact]
    public void PolyActivation_TracksMaxAbsInputOnlyWhenAsked()
    {
        var act = new PolyActivation("a", TensorShape.Vector(3), perChannel: false);
        Run(act, [1, -9, 2]);
        Assert.Equal(0, act.MaxAbsInput);
        act.TrackInputRange = true;
        Run(act, [1, -9, 2]);
        Run(act, [4, 3, 2]);
        Assert.Equal(9, act.MaxAbsInput);
    }

    [Fact]
    public void BatchNorm_TrainingUsesBatchStatisticsAndUpdatesRunningOnes()
    {
        var bn = new BatchNorm("b", TensorShape.Vector(1), momentum: 0.5);
        var y = new double[4];
        bn.Forward(new double[] { 1, 2, 3, 4 }, y, 4, training: true);
        double std = Math.Sqrt(1.25 + bn.Epsilon);
        Assert.Equal([-1.5 / std, -0.5 / std, 0.5 / std, 1.5 / std], y.Select(v => Math.Round(v, 12)).ToArray(), new RoundedComparer());
        Assert.Equal(1.25, bn.RunningMean[0], 12);            // 0.5·0 + 0.5·2.5
        Assert.Equal(0.5 + (0.5 * (5.0 / 3)), bn.RunningVariance[0], 12); // unbiased batch variance 5/3
    }

    [Fact]
    public void Layer_ShortBuffers_Throw()
    {
        var dense = new Dense("d", TensorShape.Vector(3), 2);
        Assert.Throws<ArgumentException>(() => dense.Forward(new double[5], new double[4], 2, false));
        Assert.Throws<ArgumentException>(() => dense.Forward(new double[6], new double[3], 2, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => dense.Forward(new double[6], new double[4], 0, false));
    }

    [Fact]
    public void LayerCopy_IsDeepAndEqual()
    {
        var conv = new Conv2d("c", new TensorShape(1, 5, 5), 2, 3, 1, 1);
        conv.Initialize(new DeterministicRandom(1));
        var copy = (Conv2d)LayerCopy.Clone(conv);
        Assert.Equal(conv.Weight.Value, copy.Weight.Value);
        copy.Weight.Value[0] += 1;
        Assert.NotEqual(conv.Weight.Value[0], copy.Weight.Value[0]);
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
