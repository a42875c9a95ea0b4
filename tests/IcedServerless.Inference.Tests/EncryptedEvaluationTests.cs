using IcedServerless.Inference.Evaluation;
using IcedServerless.Inference.Latency;
using IcedServerless.Inference.Throughput;
using IcedServerless.Model.Data;

namespace IcedServerless.Inference.Tests;

public sealed class EncryptedEvaluationTests
{
    private static ImageDataset RandomImages(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 64];
        random.NextBytes(pixels);
        return new ImageDataset(pixels, Enumerable.Range(0, count).Select(i => i % 2).ToArray(), 8, 2);
    }

    [Fact]
    public void Throughput_evaluation_agrees_with_the_plaintext_model_and_reports_every_stage()
    {
        var model = ThroughputModelTests.TestModel(TestNetworks.Small(31));
        var result = EncryptedEvaluation.Run(new ThroughputEncryptedModel(model), model, RandomImages(300, 1));
        Assert.Equal(300, result.Images);
        Assert.Equal(1, result.Units);
        Assert.Equal(1.0, result.ArgmaxAgreement);
        Assert.True(result.MaxLogitError < 1e-3, $"max logit error {result.MaxLogitError}");
        Assert.Equal(result.Plaintext.Accuracy, result.Encrypted.Accuracy);
        Assert.True(result.Sizes.RelinKeys > 0 && result.Sizes.GaloisKeys == 0 && result.Sizes.UploadPerUnit > 0);
        Assert.True(result.Timings.Evaluation > TimeSpan.Zero);
    }

    [Fact]
    public void Latency_evaluation_scores_one_image_per_unit()
    {
        var model = ThroughputModelTests.TestModel(TestNetworks.Small(32, hidden: false));
        var result = EncryptedEvaluation.Run(new LatencyEncryptedModel(model), model, RandomImages(4, 2));
        Assert.Equal(4, result.Units);
        Assert.Equal(1.0, result.ArgmaxAgreement);
        Assert.True(result.Sizes.GaloisKeys > 0);
    }
}
