using System.Diagnostics;
using IcedServerless.Contracts;
using IcedServerless.Inference;
using IcedServerless.Model;
using IcedServerless.Model.Data;
using IcedServerless.Model.Inference;
using IcedServerless.Model.Metrics;

namespace IcedServerless.Cli.Commands.Demo;

/// <summary>Wall-clock laps of the demo's client-side stages.</summary>
internal sealed class StageClock
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public List<(string Stage, TimeSpan Time)> Laps { get; } = [];

    public void Lap(string stage)
    {
        Laps.Add((stage, _clock.Elapsed));
        _clock.Restart();
    }
}

/// <summary>What one demo run measured, compared with the plaintext model on the same images.</summary>
internal sealed record DemoRun(
    ModelPlan Plan,
    ClassificationMetrics Encrypted,
    double Agreement,
    double MaxLogitError,
    JobStatus Status,
    StageClock Stages,
    long KeyBytes,
    long UploadBytes,
    long DownloadBytes)
{
    public static DemoRun Create(ModelPlan plan, ClassifierModel model, ImageDataset data, double[][] images, double[] logits,
        JobStatus status, StageClock stages, long keyBytes, long uploadBytes, long downloadBytes)
    {
        var classes = plan.ClassNames.Count;
        var probabilities = new double[logits.Length];
        Softmax.ApplyBatch(logits, classes, probabilities);
        var plainProbabilities = model.PredictProbabilities(images.SelectMany(i => i).ToArray(), images.Length);
        var plainLogits = new double[logits.Length];
        for (var j = 0; j < images.Length; j++)
        {
            model.Network.Forward(images[j], 1, training: false).Span.CopyTo(plainLogits.AsSpan(j * classes, classes));
        }

        var same = 0;
        for (var j = 0; j < images.Length; j++)
        {
            same += model.Decision.Predict(probabilities.AsSpan(j * classes, classes)) ==
                    model.Decision.Predict(plainProbabilities.AsSpan(j * classes, classes)) ? 1 : 0;
        }

        var maxError = logits.Zip(plainLogits, (a, b) => Math.Abs(a - b)).Max();
        return new DemoRun(plan, ClassificationMetrics.Compute(probabilities, data.Labels, model.ClassNames, model.Decision),
            (double)same / images.Length, maxError, status, stages, keyBytes, uploadBytes, downloadBytes);
    }
}
