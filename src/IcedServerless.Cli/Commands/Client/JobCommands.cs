using System.CommandLine;
using System.Globalization;
using IcedServerless.Cli.Hosting;
using IcedServerless.Contracts;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Client;

/// <summary><c>iced status</c>, <c>iced wait</c> and <c>iced results</c> for a recorded job.</summary>
internal sealed class JobCommands
{
    private readonly Argument<string> _statusId = ClientOptions.JobId();
    private readonly Argument<string> _waitId = ClientOptions.JobId();
    private readonly Option<string?> _timeout = new("--timeout") { Description = "Give up after this long (e.g. 90s, 30m, 2h); exit code 5." };
    private readonly Argument<string> _resultsId = ClientOptions.JobId();
    private readonly Option<string?> _out = ClientOptions.Out("Where to write predictions.csv and predictions.json (default: $ICED_HOME/results/<job-id>).");
    private readonly Option<string?> _passphrase = ClientOptions.PassphraseEnv();

    public JobCommands(CliHost host, GlobalOptions options)
    {
        Status = new Command("status", "Show a job's state and progress.") { _statusId };
        CommandRunner.Bind(Status, host, options, StatusAsync);
        Wait = new Command("wait", "Wait until a job succeeds, fails or expires.") { _waitId, _timeout };
        CommandRunner.Bind(Wait, host, options, WaitAsync);
        Results = new Command("results", "Wait for a job if needed, download and decrypt its results: predictions.csv and predictions.json.") { _resultsId, _out, _passphrase };
        CommandRunner.Bind(Results, host, options, ResultsAsync);
    }

    public Command Status { get; }

    public Command Wait { get; }

    public Command Results { get; }

    internal static TimeSpan? ParseTimeout(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        var unit = t[^1];
        var scale = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        if (scale > 0 && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return TimeSpan.FromSeconds(value * scale);
        }

        return TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new UserFacingException($"--timeout '{text}' is not a duration; use e.g. 90s, 30m or 2h.");
    }

    private async Task<int> StatusAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var record = await ClientSupport.RecordAsync(context, parse.GetValue(_statusId)!, cancellationToken).ConfigureAwait(false);
        await using var service = await context.OpenServiceAsync(queueListener: false, cancellationToken).ConfigureAwait(false);
        var status = await service.Client.GetStatusAsync(record.JobId, cancellationToken).ConfigureAwait(false);
        Print(context, status, record.JobId);
        return ExitCodes.Success;
    }

    private async Task<int> WaitAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var timeout = ParseTimeout(parse.GetValue(_timeout));
        var record = await ClientSupport.RecordAsync(context, parse.GetValue(_waitId)!, cancellationToken).ConfigureAwait(false);
        await using var service = await context.OpenServiceAsync(queueListener: true, cancellationToken).ConfigureAwait(false);
        var workflow = ClientSupport.Workflow(context, service);
        var (_, status) = await context.Output.StagesAsync(progress => workflow.WaitAsync(record, progress, timeout, cancellationToken)).ConfigureAwait(false);
        Print(context, status, record.JobId);
        return ExitCodes.Success;
    }

    private async Task<int> ResultsAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var passphrase = ClientSupport.Passphrase(context, parse.GetValue(_passphrase));
        var record = await ClientSupport.RecordAsync(context, parse.GetValue(_resultsId)!, cancellationToken).ConfigureAwait(false);
        await using var service = await context.OpenServiceAsync(queueListener: true, cancellationToken).ConfigureAwait(false);
        var workflow = ClientSupport.Workflow(context, service);
        var outcome = await context.Output.StagesAsync(progress => workflow.ResultsAsync(record.JobId, passphrase, progress, null, cancellationToken)).ConfigureAwait(false);
        var directory = Path.GetFullPath(parse.GetValue(_out) ?? Path.Combine(context.Home, "results", record.JobId));
        await PredictionsOutput.WriteAsync(context.Output, outcome, directory, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static void Print(CliContext context, JobStatus status, string jobId) =>
        context.Output.WriteResult(status, console =>
        {
            var table = new Table().Title($"[bold]Job[/] {Markup.Escape(jobId)}").AddColumns("what", "value");
            table.AddRow("model", Markup.Escape(status.ModelId));
            table.AddRow("state", status.State.ToString());
            table.AddRow("units scored", $"{status.Progress.UnitsDone}/{status.Progress.Units}");
            table.AddRow("shards done", $"{status.Progress.ShardsDone}/{status.Progress.Shards}");
            table.AddRow("expires", status.ExpiresOn.ToString("u", CultureInfo.InvariantCulture));
            if (status.Error is { } error)
            {
                table.AddRow("error", Markup.Escape(error.Message));
            }

            console.Write(table);
            console.MarkupLineInterpolated(status.State switch
            {
                JobState.Created => $"Not submitted: continue it with `iced score --resume {jobId}`.",
                JobState.Queued or JobState.Running => $"Next: `iced wait {jobId}`, then `iced results {jobId}`.",
                JobState.Succeeded => $"Next: `iced results {jobId}`.",
                _ => $"Score the images again as a new job.",
            });
        });
}
