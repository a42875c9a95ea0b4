using System.CommandLine;
using IcedServerless.Cli.Hosting;
using IcedServerless.Cli.Rendering;
using IcedServerless.Client.Keys;
using IcedServerless.Client.Workflow;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Client;

/// <summary>The JSON result of <c>iced keys create/show</c>: descriptions and sizes, never key material.</summary>
internal sealed record KeysResult(string ModelId, string KeySetId, string Directory, string SecretKeyFile, bool SecretSealed,
    long SecretKeyBytes, long RelinKeyBytes, long GaloisKeyBytes, DateTimeOffset CreatedOn)
{
    public static KeysResult From(string directory, KeySetInfo info) => new(info.ModelId, info.KeySetId, directory,
        Path.Combine(directory, info.SecretKey.File), info.SecretSealed, info.SecretKey.Length, info.RelinKeys?.Length ?? 0, info.GaloisKeys?.Length ?? 0, info.CreatedOn);
}

/// <summary><c>iced keys create</c> and <c>iced keys show</c>.</summary>
internal sealed class KeysCommand
{
    private readonly Option<string> _createModel = ClientOptions.Model();
    private readonly Option<string?> _createKeys = ClientOptions.Keys();
    private readonly Option<string?> _passphrase = ClientOptions.PassphraseEnv();
    private readonly Option<bool> _force = new("--force") { Description = "Replace a key set already in the folder (jobs encrypted under it can no longer be decrypted)." };
    private readonly Option<string> _showModel = ClientOptions.Model(required: false);
    private readonly Option<string?> _showKeys = ClientOptions.Keys();

    public KeysCommand(CliHost host, GlobalOptions options)
    {
        var create = new Command("create", "Create a key set for a model: the secret key (stays on this machine) and the evaluation keys the service needs.")
        {
            _createModel, _createKeys, _passphrase, _force,
        };
        CommandRunner.Bind(create, host, options, CreateAsync);
        var show = new Command("show", "Describe a key set (no secret needed): model, key set id, sizes, where the secret key lives.") { _showModel, _showKeys };
        CommandRunner.Bind(show, host, options, ShowAsync);
        Command = new Command("keys", "Manage key sets.") { create, show };
    }

    public Command Command { get; }

    private async Task<int> CreateAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var modelId = parse.GetValue(_createModel)!;
        var directory = ClientSupport.KeyDirectory(context, parse.GetValue(_createKeys), modelId);
        var force = parse.GetValue(_force);
        if (!force && ClientSupport.HasKeySet(directory))
        {
            throw new UserFacingException($"{directory} already holds a key set; jobs encrypted under it need it to be decrypted. Pass --force to replace it, or --keys DIR for another folder.");
        }

        var passphrase = ClientSupport.Passphrase(context, parse.GetValue(_passphrase));
        Inference.ModelPlan plan;
        await using (var service = await context.OpenServiceAsync(queueListener: false, cancellationToken).ConfigureAwait(false))
        {
            plan = await ClientSupport.Workflow(context, service).GetPlanAsync(modelId, cancellationToken).ConfigureAwait(false);
        }

        var (keys, info) = await context.Output.StatusAsync($"Creating keys for {modelId}", () =>
            ClientSupport.CreateKeysAsync(directory, plan, passphrase, force, cancellationToken)).ConfigureAwait(false);
        keys.Dispose();
        Print(context, KeysResult.From(directory, info));
        return ExitCodes.Success;
    }

    private async Task<int> ShowAsync(ParseResult parse, CliContext context, CancellationToken cancellationToken)
    {
        var keys = parse.GetValue(_showKeys);
        var model = parse.GetValue(_showModel);
        if (keys is null && model is null)
        {
            throw new UserFacingException("Name the key set: --keys DIR, or --model ID for its default folder.");
        }

        var directory = ClientSupport.KeyDirectory(context, keys, model ?? string.Empty);
        if (!ClientSupport.HasKeySet(directory))
        {
            throw new UserFacingException($"There is no key set in {directory}; create one with `iced keys create --model {model ?? "ID"}`.");
        }

        Print(context, KeysResult.From(directory, await KeySetDirectory.ReadInfoAsync(directory, cancellationToken).ConfigureAwait(false)));
        return ExitCodes.Success;
    }

    private static void Print(CliContext context, KeysResult result) => context.Output.WriteResult(result, console =>
    {
        var table = new Table().Title($"[bold]Key set[/] for {Markup.Escape(result.ModelId)}").AddColumns("what", "value");
        table.AddRow("key set id", result.KeySetId);
        table.AddRow("folder", Markup.Escape(result.Directory));
        table.AddRow("secret key", $"{Markup.Escape(result.SecretKeyFile)} ({Sizes.Bytes(result.SecretKeyBytes)}, {(result.SecretSealed ? "sealed with a passphrase" : "owner-only, not sealed")})");
        table.AddRow("relinearization keys", result.RelinKeyBytes == 0 ? "none" : Sizes.Bytes(result.RelinKeyBytes));
        table.AddRow("Galois keys", result.GaloisKeyBytes == 0 ? "none" : Sizes.Bytes(result.GaloisKeyBytes));
        console.Write(table);
        console.MarkupLine("The secret key never leaves this machine; only the evaluation keys are registered with the service.");
    });
}
