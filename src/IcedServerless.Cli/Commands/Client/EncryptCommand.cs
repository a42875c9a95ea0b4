using System.CommandLine;
using IcedServerless.Cli.Hosting;
using IcedServerless.Client.Inputs;
using IcedServerless.Client.Workflow;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Client;

/// <summary>The JSON result of <c>iced encrypt</c>.</summary>
internal sealed record EncryptResult(string Directory, string ModelId, string KeySetId, int Images, int Units, long Bytes);

/// <summary><c>iced encrypt</c>: units and a manifest in a folder, for <c>iced submit</c> later. Only the plan is fetched.</summary>
internal sealed class EncryptCommand
{
    private readonly Argument<string> _input = new("input") { Description = "A folder of PNG/DICOM/.npy images, one image, a .npy stack or a MedMNIST .npz." };
    private readonly Option<string> _model = ClientOptions.Model();
    private readonly Option<string?> _keys = ClientOptions.Keys();
    private readonly Option<string?> _passphrase = ClientOptions.PassphraseEnv();
    private readonly Option<string?> _out = new("--out") { Description = "The folder for the encrypted units and manifest.json.", Required = true };
    private readonly Option<NpzSplit> _split = ClientOptions.Split();

    public EncryptCommand(CliHost host, GlobalOptions options)
    {
        Command = new Command("encrypt", "Encrypt images into a folder of units (no upload); `iced submit DIR` sends them.") { _input, _model, _keys, _passphrase, _out, _split };
        CommandRunner.Bind(Command, host, options, ExecuteAsync);
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var modelId = parse.GetValue(_model)!;
        var passphrase = ClientSupport.Passphrase(context, parse.GetValue(_passphrase));
        Inference.ModelPlan plan;
        await using (var service = await context.OpenServiceAsync(queueListener: false, cancellationToken).ConfigureAwait(false))
        {
            plan = await ClientSupport.Workflow(context, service).GetPlanAsync(modelId, cancellationToken).ConfigureAwait(false);
        }

        var preprocessing = ClientSupport.Preprocessing(plan);

        var keyDirectory = ClientSupport.KeyDirectory(context, parse.GetValue(_keys), modelId);
        using var keys = await ClientSupport.LoadKeysAsync(context, keyDirectory, passphrase, plan, cancellationToken).ConfigureAwait(false);
        var input = parse.GetValue(_input)!;
        var split = parse.GetValue(_split);
        var inputs = await ImageInputs.LoadAsync(input, preprocessing, split, s => ScoreCommand.Skipped(context, s), cancellationToken).ConfigureAwait(false);
        var directory = Path.GetFullPath(parse.GetValue(_out)!);
        var units = Inference.PlanPacking.Units(plan, inputs.Count).Count();
        var manifest = await context.Output.ProgressAsync("encrypt", units, "units", tick =>
            EncryptedUnits.WriteAsync(directory, plan, keys, inputs, new JobSource(keyDirectory, Path.GetFullPath(input), split), () => tick.Increment(), cancellationToken)).ConfigureAwait(false);
        var result = new EncryptResult(directory, plan.ModelId, keys.KeySetId, inputs.Count, manifest.Units.Count, manifest.Files.Sum(f => f.Length));
        context.Output.WriteResult(result, console =>
        {
            console.MarkupLineInterpolated($"Encrypted {result.Images} images into {result.Units} units ({Rendering.Sizes.Bytes(result.Bytes)}) in [bold]{directory}[/].");
            console.MarkupLineInterpolated($"Next: [bold]iced submit {directory}[/]");
        });
        return ExitCodes.Success;
    }
}
