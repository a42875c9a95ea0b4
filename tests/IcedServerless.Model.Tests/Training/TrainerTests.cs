using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Model.Data;
using IcedServerless.Model.Training;

namespace IcedServerless.Model.Tests.Training;

public class TrainerTests
{
    /// <summary>Noisy 12×12 images: class 0 is bright on the left half, class 1 on the right.</summary>
    internal static ImageDataset Synthetic(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var pixels = new byte[count * 144];
        var labels = new int[count];
        for (int s = 0; s < count; s++)
        {
            labels[s] = s % 2;
            for (int p = 0; p < 144; p++)
            {
                bool bright = (p % 12 < 6) == (labels[s] == 0);
                pixels[(s * 144) + p] = (byte)Math.Clamp((bright ? 150 : 90) + random.NextDouble(-60, 60), 0, 255);
            }
        }

        return new ImageDataset(pixels, labels, 12, 2);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.9)]
    public void Train_LearnsASeparableProblemAndKeepsTheBestEpoch(double weightAveraging)
    {
        var train = Synthetic(200, 1);
        var validation = Synthetic(100, 2);
        var net = new CnnArchitecture { ConvChannels = 2, HiddenUnits = 4 }.Build(12, 2);
        var spec = new PreprocessingSpec { InputSize = 12, Mean = 0.47, Std = 0.15 };
        var reports = new List<EpochReport>();
        var result = new Trainer(net, new TrainingOptions { MaxEpochs = 6, BatchSize = 20, WeightAveraging = weightAveraging })
            .Train(train, validation, spec, new ListProgress(reports));

        Assert.Equal(6, result.EpochsRun);
        Assert.Equal(6, reports.Count);
        Assert.True(result.BestValidationAuc > 0.95, $"validation AUC {result.BestValidationAuc}");
        Assert.True(reports[^1].TrainingLoss < reports[0].TrainingLoss);
        Assert.Equal(reports.MaxBy(r => r.ValidationAuc)!.Epoch, result.BestEpoch);

        // The network holds the best epoch's (averaged, if enabled) weights on return.
        var probabilities = IcedServerless.Model.Inference.BatchPredictor.Predict(net, validation, spec);
        Assert.Equal(result.BestValidationAuc, IcedServerless.Model.Metrics.RocAuc.Summary(probabilities, validation.Labels, 2), 12);
    }

    [Fact]
    public void Train_StopsEarlyWhenValidationStopsImproving()
    {
        var train = Synthetic(60, 3);
        var net = new CnnArchitecture { ConvChannels = 1, HiddenUnits = 0 }.Build(12, 2);
        var spec = new PreprocessingSpec { InputSize = 12, Mean = 0.47, Std = 0.15 };
        var result = new Trainer(net, new TrainingOptions { MaxEpochs = 50, Patience = 2, BatchSize = 20 })
            .Train(train, Synthetic(40, 4), spec);
        Assert.Equal(result.BestEpoch + 2, result.EpochsRun);
    }

    [Fact]
    public void Train_HonoursCancellation()
    {
        var net = new CnnArchitecture { ConvChannels = 1, HiddenUnits = 0 }.Build(12, 2);
        var spec = new PreprocessingSpec { InputSize = 12, Mean = 0.47, Std = 0.15 };
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => new Trainer(net, new TrainingOptions()).Train(Synthetic(40, 5), Synthetic(20, 6), spec, null, cts.Token));
    }

    private sealed class ListProgress(List<EpochReport> reports) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => reports.Add(value);
    }
}
