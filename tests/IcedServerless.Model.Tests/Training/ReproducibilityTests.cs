using IcedServerless.Model.Data;
using IcedServerless.Model.Serialization;
using IcedServerless.Model.Training;
using IcedServerless.Tests.Shared;

namespace IcedServerless.Model.Tests.Training;

public class ReproducibilityTests
{
    private static readonly Lazy<SplitDatasets> s_subset = new(() =>
    {
        var full = MedMnistLoader.LoadAsync(TestRepository.PneumoniaMnist, 2).GetAwaiter().GetResult();
        static int[] First(int n) => [.. Enumerable.Range(0, n)];
        return new SplitDatasets(full.Train.Subset(First(300)), full.Validation.Subset(First(120)), full.Test.Subset(First(120)), full.Sha256);
    });

    private static byte[] TrainOnce(ulong seed)
    {
        var options = TrainingRecipes.PneumoniaMnist.Options with { Seed = seed, MaxEpochs = 1 };
        var (model, _) = ModelRelease.Train(TrainingRecipes.PneumoniaMnist, s_subset.Value, options, "test");
        return ModelFileWriter.Serialize(model);
    }

    [Fact]
    public void SameSeed_ReproducesTheModelFileBitForBit()
    {
        var first = TrainOnce(20251122);
        var second = TrainOnce(20251122);
        Assert.Equal(first, second);
    }

    [Fact]
    public void OtherSeed_GivesOtherWeights() => Assert.NotEqual(TrainOnce(1), TrainOnce(2));
}
