using System.CommandLine;
using IcedServerless.Cli.Hosting;
using IcedServerless.Client.Workflow;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Client;

/// <summary>The JSON result of <c>iced submit</c>.</summary>
internal sealed record SubmitResult(string JobId, string ModelId, int Units, int UnitsUploaded, string State);

/// <summary><c>iced submit DIR</c>: register the keys, create the job, upload the folder's units, submit.</summary>
internal sealed class SubmitCommand
{
    private readonly Argument<string> _directory = new("encrypted-dir") { Description = "A folder written by `iced encrypt`." };
    private readonly Option<string?> _passphrase = ClientOptions.PassphraseEnv();

    public SubmitCommand(CliHost host, GlobalOptions options)
    {
        Command = new Command("submit", "Send a folder of encrypted units: register keys, create the job, upload, submit. Prints the job id.") { _directory, _passphrase };
        CommandRunner.Bind(Command, host, options, ExecuteAsync);
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(parse.GetValue(_directory)!);
        var manifest = await EncryptedUnits.ReadManifestAsync(directory, cancellationToken).ConfigureAwait(false);
        var passphrase = ClientSupport.Passphrase(context, parse.GetValue(_passphrase));
        await using var service = await context.OpenServiceAsync(queueListener: false, cancellationToken).ConfigureAwait(false);
        var workflow = ClientSupport.Workflow(context, service);
        var plan = await workflow.GetPlanAsync(manifest.ModelId, cancellationToken).ConfigureAwait(false);
        using var keys = await ClientSupport.LoadKeysAsync(context, manifest.KeyDirectory, passphrase, plan, cancellationToken).ConfigureAwait(false);
        if (keys.KeySetId != manifest.KeySetId)
        {
            throw new UserFacingException($"The keys in {manifest.KeyDirectory} are not the ones {directory} was encrypted with (they were replaced); encrypt the images again.");
        }

        var (record, links) = await workflow.CreateJobAsync(plan, keys, new JobSource(manifest.KeyDirectory, manifest.InputPath, manifest.Split),
            manifest.InputFingerprint, manifest.Images, manifest.Units, cancellationToken).ConfigureAwait(false);
        context.Output.Message($"Job [bold]{record.JobId}[/]: {record.Units.Count} units.");
        var uploads = await context.Output.StagesAsync(progress => workflow.UploadAsync(record, links,
            (unit, ct) => EncryptedUnits.ReadUnitAsync(directory, manifest, unit, ct), progress, cancellationToken)).ConfigureAwait(false);
        record = await workflow.SubmitAsync(uploads.Record, cancellationToken).ConfigureAwait(false);
        var result = new SubmitResult(record.JobId, record.ModelId, record.Units.Count, uploads.Uploaded, record.State.ToString());
        context.Output.WriteResult(result, console =>
        {
            console.MarkupLineInterpolated($"Submitted job [bold]{record.JobId}[/] ({record.Units.Count} units).");
            console.MarkupLineInterpolated($"Next: [bold]iced wait {record.JobId}[/], then [bold]iced results {record.JobId}[/]");
        });
        return ExitCodes.Success;
    }
}
