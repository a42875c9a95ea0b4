using System.Text.Json;
using Spectre.Console;

namespace IcedServerless.Cli.Output;

/// <summary>
/// Where a command writes. Messages, tables and progress go to <see cref="Console"/> — stdout normally, stderr under
/// <c>--json</c>, so stdout then carries exactly one JSON document (<see cref="WriteResult{T}"/>). Progress is a live
/// bar on a terminal and plain lines (at most one per tenth) when redirected.
/// </summary>
internal sealed class CliOutput
{
    private readonly TextWriter _rawOut;

    public CliOutput(IAnsiConsole stdout, IAnsiConsole stderr, TextWriter rawOut, bool json)
    {
        _rawOut = rawOut;
        Json = json;
        Console = json ? stderr : stdout;
        Error = stderr;
    }

    /// <summary>Whether the result is printed as JSON.</summary>
    public bool Json { get; }

    /// <summary>Where human-readable output goes.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Where errors go (always stderr).</summary>
    public IAnsiConsole Error { get; }

    /// <summary>Prints a line of markup for people (stderr under <c>--json</c>).</summary>
    public void Message(FormattableString markup) => Console.MarkupLineInterpolated(markup);

    /// <summary>
    /// Prints the command's result: as one JSON document on stdout under <c>--json</c>, otherwise by
    /// <paramref name="render"/> (tables).
    /// </summary>
    public void WriteResult<T>(T result, Action<IAnsiConsole> render)
    {
        if (Json)
        {
            WriteRaw(JsonSerializer.Serialize(result, CliJson.Options));
        }
        else
        {
            render(Console);
        }
    }

    /// <summary>Prints an already serialized JSON document as the result (only under <c>--json</c>).</summary>
    public void WriteRaw(string json)
    {
        _rawOut.WriteLine(json);
        _rawOut.Flush();
    }

    /// <summary>Runs <paramref name="work"/> with a progress stage of <paramref name="total"/> <paramref name="unit"/>.</summary>
    public async Task<T> ProgressAsync<T>(string label, long total, string unit, Func<ProgressTicker, Task<T>> work)
    {
        if (!Console.Profile.Capabilities.Interactive)
        {
            var plain = new PlainProgress(Console, label, total, unit);
            var result = await work(plain).ConfigureAwait(false);
            plain.Complete();
            return result;
        }

        return await Console.Progress().AutoClear(false).StartAsync(async context =>
        {
            var task = context.AddTask(label, maxValue: Math.Max(1, total));
            var result = await work(new LiveProgress(task, total)).ConfigureAwait(false);
            task.Value = task.MaxValue;
            return result;
        }).ConfigureAwait(false);
    }

    /// <summary>Runs work of unknown length: a spinner on a terminal, a start line when redirected.</summary>
    public async Task<T> StatusAsync<T>(string label, Func<Task<T>> work)
    {
        if (!Console.Profile.Capabilities.Interactive)
        {
            Console.WriteLine(label + "…", Style.Plain);
            return await work().ConfigureAwait(false);
        }

        return await Console.Status().StartAsync(Markup.Escape(label) + "…", _ => work()).ConfigureAwait(false);
    }

    /// <summary>Runs a multi-stage workflow with a bar (or plain lines) per stage as each starts.</summary>
    public async Task<T> StagesAsync<T>(Func<IProgress<IcedServerless.Client.Workflow.ScoreProgress>, Task<T>> work)
    {
        if (!Console.Profile.Capabilities.Interactive)
        {
            var plain = new StagedProgress((label, total, unit) => new PlainProgress(Console, label, total, unit));
            try
            {
                return await work(plain).ConfigureAwait(false);
            }
            finally
            {
                plain.Complete();
            }
        }

        return await Console.Progress().AutoClear(false).StartAsync(context =>
            work(new StagedProgress((label, total, _) => new LiveProgress(context.AddTask(label, maxValue: Math.Max(1, total)), total)))).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> with a progress stage (no result).</summary>
    public Task ProgressAsync(string label, long total, string unit, Func<ProgressTicker, Task> work) =>
        ProgressAsync<bool>(label, total, unit, async ticker =>
        {
            await work(ticker).ConfigureAwait(false);
            return true;
        });
}
