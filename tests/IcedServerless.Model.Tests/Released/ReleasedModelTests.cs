using IcedServerless.Model.Data;
using IcedServerless.Model.Layers;
using IcedServerless.Model.Metrics;
using IcedServerless.Model.Serialization;
using IcedServerless.Tests.Shared;

namespace IcedServerless.Model.Tests.Released;

/// <summary>Checks the model files shipped in models/ — real checks of the released artefacts.</summary>
public class ReleasedModelTests
{
    private static Task<ClassifierModel> Load(string name) => ModelFileReader.LoadAsync(TestRepository.File("models", name));

    [Fact]
    public async Task PneumoniaMnist_OnTheFullTestSplit_MeetsTheTargets()
    {
        var model = await Load("pneumoniamnist-28.model.json");
        var data = await MedMnistLoader.LoadAsync(TestRepository.PneumoniaMnist, 2);
        var metrics = model.Evaluate(data.Test);

        Assert.Equal(624, metrics.SampleCount);
        Assert.True(metrics.Accuracy >= 0.88, $"test accuracy {metrics.Accuracy}");
        Assert.True(metrics.RocAuc >= 0.95, $"test AUC {metrics.RocAuc}");

        // The file's released metrics are exactly what the shipped weights give on the shipped data.
        Assert.Equal(model.Metrics!.Test.Accuracy, metrics.Accuracy);
        Assert.Equal(model.Metrics.Test.RocAuc, metrics.RocAuc);
        Assert.Equal(model.Metrics.Test.ConfusionMatrix, metrics.ConfusionMatrix);
        Assert.Equal(model.Metrics.Validation.RocAuc, model.Evaluate(data.Validation).RocAuc);
        Assert.Equal(data.Sha256, model.DataCard.Sha256);
    }

    [Fact]
    public async Task PneumoniaMnist_ThresholdWasChosenOnValidation()
    {
        var model = await Load("pneumoniamnist-28.model.json");
        var data = await MedMnistLoader.LoadAsync(TestRepository.PneumoniaMnist, 2);
        var p = model.PredictProbabilities(data.Validation);
        var scores = Enumerable.Range(0, data.Validation.Count).Select(i => p[(2 * i) + 1]).ToArray();
        var positive = data.Validation.Labels.ToArray().Select(l => l == 1).ToArray();
        Assert.Equal(ThresholdSelector.SelectOnValidation(scores, positive), model.Decision.Threshold);
        Assert.Equal(ThresholdSelector.OneStandardErrorYouden, model.Decision.SelectedBy);
    }

    [Theory]
    [InlineData("pneumoniamnist-28.model.json", 2)]
    [InlineData("covid-cxr-28.model.json", 3)]
    public async Task ReleasedModels_FitTheCkksBudget(string file, int classes)
    {
        var model = await Load(file);
        Assert.Equal(classes, model.ClassNames.Count);
        Assert.InRange(model.MultiplicativeDepth, 1, 5);
        Assert.InRange(model.MultiplyAccumulates, 1, 60_000);
        Assert.All(model.Network.Layers, l => Assert.NotEqual(LayerKind.BatchNorm, l.Kind));
        Assert.Equal(model.Network.Layers.Count(l => l.Kind == LayerKind.PolyActivation), model.ActivationBounds.Count);
        Assert.All(model.ActivationBounds, b => Assert.InRange(b.MaxAbsInput, 0.1, 8.0)); // the CKKS planner budgets for [-8, 8]
        Assert.NotNull(model.Metrics);
        Assert.NotNull(model.Training);
        Assert.StartsWith("iced train --dataset ", model.Training.Command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CovidModel_ReportsPerClassMetricsAndKeepsTheImagesOut()
    {
        var model = await Load("covid-cxr-28.model.json");
        Assert.False(model.DataCard.ImagesInRepository);
        Assert.Equal("0cdb947bb392681176e4e1af4430d8a420b4fb5ecaac4824049387264f8f90a0", model.DataCard.Sha256);
        var test = model.Metrics!.Test;
        Assert.Equal(163, test.SampleCount);
        Assert.Equal([72, 74, 17], test.PerClass.Select(c => c.Support));
        Assert.Equal("macro-one-vs-rest", test.RocAucKind);
        Assert.All(test.PerClass, c => Assert.InRange(c.RocAuc, 0.5, 1));
        Assert.Equal(163, test.ConfusionMatrix.Sum(row => row.Sum()));
    }
}
