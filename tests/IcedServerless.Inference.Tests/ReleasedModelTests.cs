using IcedServerless.Inference.Evaluation;
using IcedServerless.Inference.Latency;
using IcedServerless.Inference.Throughput;
using IcedServerless.Model;
using IcedServerless.Model.Data;
using IcedServerless.Model.Serialization;
using IcedServerless.Tests.Shared;

namespace IcedServerless.Inference.Tests;

/// <summary>
/// The released models, encrypted, on real chest X-rays: the throughput packing on the full PneumoniaMNIST test split,
/// the latency packing on a subset (the full split in both packings is the classifier benchmark's job).
/// </summary>
public sealed class ReleasedModelTests
{
    private static readonly Lazy<ImageDataset> s_test = new(() =>
        MedMnistLoader.LoadAsync(Repo("data/pneumoniamnist/pneumoniamnist_28.npz"), 2).GetAwaiter().GetResult().Test);

    private static ClassifierModel Load(string name) => ModelFileReader.LoadAsync(Repo($"models/{name}.model.json")).GetAwaiter().GetResult();

    [Fact]
    public void Pneumonia_throughput_packing_on_the_full_test_split_agrees_and_meets_the_targets()
    {
        var model = Load("pneumoniamnist-28");
        var result = EncryptedEvaluation.Run(new ThroughputEncryptedModel(model), model, s_test.Value);
        Assert.Equal(624, result.Images);
        Assert.True(result.ArgmaxAgreement >= 0.995, $"argmax agreement {result.ArgmaxAgreement}");
        Assert.True(result.DecisionAgreement >= 0.995, $"decision agreement {result.DecisionAgreement}");
        Assert.True(result.MaxLogitError < 1e-3, $"max logit error {result.MaxLogitError}");
        Assert.True(result.Encrypted.Accuracy >= 0.88, $"encrypted accuracy {result.Encrypted.Accuracy}");
        Assert.True(result.Encrypted.RocAuc >= 0.95, $"encrypted AUC {result.Encrypted.RocAuc}");
    }

    [Theory]
    [InlineData("pneumoniamnist-28")]
    [InlineData("covid-cxr-28")] // its own data is not redistributable; agreement does not depend on the images
    public void Latency_packing_agrees_with_the_plaintext_model(string name)
    {
        var model = Load(name);
        var result = EncryptedEvaluation.Run(new LatencyEncryptedModel(model), model, s_test.Value, limit: 12);
        Assert.Equal(12, result.Units);
        Assert.Equal(1.0, result.ArgmaxAgreement);
        Assert.True(result.MaxLogitError < 1e-3, $"max logit error {result.MaxLogitError}");
    }

    internal static string Repo(string relative) => TestRepository.File(relative);
}
