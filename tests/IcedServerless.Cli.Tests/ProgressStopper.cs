using IcedServerless.Client.Workflow;

namespace IcedServerless.Cli.Tests;

/// <summary>Calls back synchronously on each progress report (<see cref="Progress{T}"/> would post later), so a test can cancel at an exact point.</summary>
internal sealed class ProgressStopper(Action<ScoreProgress> report) : IProgress<ScoreProgress>
{
    public void Report(ScoreProgress value) => report(value);
}
