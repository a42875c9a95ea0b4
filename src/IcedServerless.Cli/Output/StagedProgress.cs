using IcedServerless.Client.Workflow;

namespace IcedServerless.Cli.Output;

/// <summary>
/// Shows a workflow's stages (upload, score, download) as they come: one progress bar or plain-line stage each,
/// started on the stage's first report. Thread-safe.
/// </summary>
internal sealed class StagedProgress(Func<string, long, string, ProgressTicker> start) : IProgress<ScoreProgress>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ScoreStage, ProgressTicker> _stages = [];

    public void Report(ScoreProgress value)
    {
        ProgressTicker? ticker;
        lock (_gate)
        {
            if (!_stages.TryGetValue(value.Stage, out ticker))
            {
                var (label, unit) = value.Stage switch
                {
                    ScoreStage.Upload => ("encrypt+upload", "units"),
                    ScoreStage.Score => ("score", "units scored"),
                    _ => ("download", "units"),
                };
                ticker = start(label, value.Total, unit);
                _stages.Add(value.Stage, ticker);
            }
        }

        ticker.Set(value.Done);
    }

    /// <summary>Prints the final line of plain stages that ended short of a printed tenth.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            foreach (var plain in _stages.Values.OfType<PlainProgress>())
            {
                plain.Complete();
            }
        }
    }
}
