using IcedServerless.Model;

namespace IcedServerless.Cli.Commands.Demo;

/// <summary>The JSON result of <c>iced demo</c>.</summary>
internal sealed record DemoResult(
    string ModelId,
    int Images,
    int Units,
    int Shards,
    double Agreement,
    double MaxLogitError,
    double Accuracy,
    double RocAuc,
    double? ReleasedTestAccuracy,
    IReadOnlyDictionary<string, double> StageSeconds,
    long KeyBytes,
    long UploadBytes,
    long DownloadBytes,
    double TotalSeconds)
{
    public static DemoResult From(DemoRun run, ClassifierModel model, TimeSpan total) => new(
        run.Plan.ModelId, run.Encrypted.SampleCount, run.Status.Progress.Units, run.Status.Progress.Shards,
        run.Agreement, run.MaxLogitError, run.Encrypted.Accuracy, run.Encrypted.RocAuc, model.Metrics?.Test?.Accuracy,
        run.Stages.Laps.ToDictionary(l => l.Stage, l => l.Time.TotalSeconds, StringComparer.Ordinal),
        run.KeyBytes, run.UploadBytes, run.DownloadBytes, total.TotalSeconds);
}
