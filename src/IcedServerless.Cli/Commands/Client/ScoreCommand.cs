using System.CommandLine;
using IcedServerless.Cli.Hosting;
using IcedServerless.Client.Inputs;
using IcedServerless.Client.Jobs;
using IcedServerless.Client.Keys;
using IcedServerless.Client.Workflow;
using IcedServerless.Imaging.Decoders;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Client;

/// <summary>
/// <c>iced score &lt;input&gt; --model ID</c>: keys (created when absent), encrypt, upload, submit, wait, download,
/// decrypt, predictions; <c>iced score --resume JOB</c> continues an interrupted one.
/// </summary>
internal sealed class ScoreCommand
{
    private readonly Argument<string?> _input = new("input") { Description = "A folder of PNG/DICOM/.npy images, one image, a .npy stack or a MedMNIST .npz.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _model = new("--model")
    {
        Description = "The service model, e.g. pneumoniamnist-28/latency (`iced models` lists them); a bare name (pneumoniamnist-28) picks the packing that uploads less for the images given.",
    };
    private readonly Option<string?> _keys = ClientOptions.Keys();
    private readonly Option<string?> _passphrase = ClientOptions.PassphraseEnv();
    private readonly Option<string?> _out = ClientOptions.Out("Where to write predictions.csv and predictions.json (default: $ICED_HOME/results/<job-id>).");
    private readonly Option<NpzSplit> _split = ClientOptions.Split();
    private readonly Option<string?> _resume = new("--resume") { Description = "Continue an interrupted job by its id, without re-uploading what landed." };

    public ScoreCommand(CliHost host, GlobalOptions options)
    {
        Command = new Command("score", "Score images end to end: encrypt here, score on the service, decrypt here. The secret key never leaves this machine.")
        {
            _input, _model, _keys, _passphrase, _out, _split, _resume,
        };
        CommandRunner.Bind(Command, host, options, ExecuteAsync);
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var passphrase = ClientSupport.Passphrase(context, parse.GetValue(_passphrase));
        var resume = parse.GetValue(_resume);
        var input = parse.GetValue(_input);
        if (resume is null && (input is null || parse.GetValue(_model) is null))
        {
            throw new UserFacingException("Give the images and the model (`iced score <folder|file> --model ID`), or resume a job (`iced score --resume JOB-ID`).");
        }

        await using var service = await context.OpenServiceAsync(queueListener: true, cancellationToken).ConfigureAwait(false);
        var workflow = ClientSupport.Workflow(context, service);
        JobRecord? created = null;
        try
        {
            ScoreOutcome outcome;
            if (resume is not null)
            {
                var record = await ClientSupport.RecordAsync(context, resume, cancellationToken).ConfigureAwait(false);
                created = record;
                context.Output.Message($"Resuming job [bold]{record.JobId}[/] ({record.ModelId}, {record.Images} images from {record.InputPath}).");
                outcome = await context.Output.StagesAsync(progress =>
                    workflow.ResumeAsync(resume, passphrase, progress, s => Skipped(context, s), cancellationToken)).ConfigureAwait(false);
            }
            else
            {
                // A model named without its packing gets the one that uploads less for this many images; every
                // packing of a model preprocesses alike, so the images are read before the choice (and before keys).
                var model = parse.GetValue(_model)!;
                var candidates = PackingAdvisor.Candidates(await workflow.ListPlansAsync(cancellationToken).ConfigureAwait(false), model);
                var preprocessing = ClientSupport.Preprocessing(candidates[0]);
                var split = parse.GetValue(_split);
                var inputs = await ImageInputs.LoadAsync(input!, preprocessing, split, s => Skipped(context, s), cancellationToken).ConfigureAwait(false);
                var plan = PackingAdvisor.Choose(candidates, inputs.Count);
                if (candidates.Count > 1)
                {
                    context.Output.Message($"Using [blue]{plan.ModelId}[/]: the packing with the smallest upload for {inputs.Count} images (name the packing in --model to choose).");
                }

                var keyDirectory = ClientSupport.KeyDirectory(context, parse.GetValue(_keys), plan.ModelId);
                using var keys = await LoadOrCreateKeysAsync(context, keyDirectory, plan, passphrase, cancellationToken).ConfigureAwait(false);
                var source = new JobSource(keyDirectory, Path.GetFullPath(input!), split);
                context.Output.Message($"Scoring {inputs.Count} images with [blue]{plan.ModelId}[/] on {service.Description}.");
                outcome = await context.Output.StagesAsync(progress => workflow.ScoreAsync(plan, keys, inputs, source, progress, r =>
                {
                    created = r;
                    context.Output.Message($"Job [bold]{r.JobId}[/]: {r.Units.Count} unit(s) of up to {plan.ImagesPerUnit} images.");
                }, cancellationToken)).ConfigureAwait(false);
            }

            var directory = Path.GetFullPath(parse.GetValue(_out) ?? Path.Combine(context.Home, "results", outcome.Record.JobId));
            await PredictionsOutput.WriteAsync(context.Output, outcome, directory, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && created is not null)
        {
            context.Output.Error.MarkupLineInterpolated($"Interrupted; what landed is recorded. Continue with: [bold]iced score --resume {created.JobId}[/]");
            throw;
        }
    }

    private static async Task<ClientKeySet> LoadOrCreateKeysAsync(CliContext context, string directory, Inference.ModelPlan plan, string? passphrase, CancellationToken cancellationToken)
    {
        if (ClientSupport.HasKeySet(directory))
        {
            return await ClientSupport.LoadKeysAsync(context, directory, passphrase, plan, cancellationToken).ConfigureAwait(false);
        }

        var (keys, _) = await context.Output.StatusAsync($"Creating keys for {plan.ModelId} in {directory}", () =>
            ClientSupport.CreateKeysAsync(directory, plan, passphrase, overwrite: false, cancellationToken)).ConfigureAwait(false);
        context.Output.Message($"Created key set [bold]{keys.KeySetId}[/] in {directory}; the secret key stays there and never leaves this machine.");
        return keys;
    }

    internal static void Skipped(CliContext context, SkippedFile file) =>
        context.Output.Error.MarkupLineInterpolated($"[yellow]warning:[/] skipped {file.Path}: {file.Reason}");
}
