using System.Diagnostics;
using IcedServerless.Contracts;
using IcedServerless.Inference;
using IcedServerless.Inference.Evaluation;
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
        var comparison = PlaintextComparison.Compute(model, data, images, logits);
        return new DemoRun(plan, comparison.Encrypted, comparison.DecisionAgreement, comparison.MaxLogitError, status, stages, keyBytes, uploadBytes, downloadBytes);
    }
}
