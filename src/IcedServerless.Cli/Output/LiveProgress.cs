using Spectre.Console;

namespace IcedServerless.Cli.Output;

/// <summary>Progress on a terminal: a Spectre progress bar.</summary>
internal sealed class LiveProgress(ProgressTask task, long total) : ProgressTicker(total)
{
    protected override void Changed(long value) => task.Value = value;
}
