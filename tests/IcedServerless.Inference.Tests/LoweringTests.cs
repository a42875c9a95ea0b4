using IcedServerless.Inference.Lowering;

namespace IcedServerless.Inference.Tests;

public sealed class LoweringTests
{
    [Theory]
    [InlineData(1UL, true, true)]
    [InlineData(2UL, false, true)]
    [InlineData(3UL, true, false)]
    public void Lowered_network_computes_what_the_model_computes(ulong seed, bool perChannel, bool hidden)
    {
        var network = TestNetworks.Small(seed, perChannel, hidden);
        var lowered = LoweredNetwork.Lower(network);
        Assert.Equal(network.MultiplicativeDepth, lowered.Depth);
        var random = new Random(7);
        for (var trial = 0; trial < 5; trial++)
        {
            var image = TestNetworks.RandomImage(random, 64);
            var expected = network.Forward(image, 1, training: false).ToArray();
            var actual = lowered.Evaluate(image);
            Assert.Equal(expected.Length, actual.Length);
            for (var c = 0; c < expected.Length; c++)
            {
                Assert.Equal(expected[c], actual[c], 9);
            }
        }
    }

    [Fact]
    public void Convolution_stays_sparse()
    {
        var lowered = LoweredNetwork.Lower(TestNetworks.Small(4));
        // 2 channels × 4×4 outputs × at most 9 taps (fewer at the zero-padded border).
        Assert.InRange(lowered.First.NonZeros, 2 * 16 * 4, 2 * 16 * 9);
    }
}
