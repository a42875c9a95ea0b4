using System.CommandLine;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Eval;

/// <summary>The syntax of <c>iced eval</c>.</summary>
internal sealed class EvalCommandDefinition
{
    public EvalCommandDefinition(IAnsiConsole console, Option<bool> verbose)
    {
        Split.AcceptOnlyFromAmong("train", "val", "test");
        Command = new Command("eval", "Evaluate a model file on a split of a MedMNIST-layout .npz (plaintext).")
        {
            Model, Data, Split, Json,
        };
        Command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, parse.GetValue(verbose), () =>
            new EvalCommand(console).ExecuteAsync(
                new EvalSettings(parse.GetRequiredValue(Model), parse.GetRequiredValue(Data), parse.GetValue(Split) ?? "test", parse.GetValue(Json)),
                cancellationToken)));
    }

    public Command Command { get; }

    public Option<string> Model { get; } = new("--model") { Description = "The model file.", Required = true };

    public Option<string> Data { get; } = new("--data") { Description = "The .npz archive (MedMNIST layout).", Required = true };

    public Option<string> Split { get; } = new("--split") { Description = "train, val or test.", DefaultValueFactory = _ => "test" };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the metrics as JSON instead of tables." };
}

/// <summary>The parsed options of <c>iced eval</c>.</summary>
internal sealed record EvalSettings(string ModelPath, string DataPath, string Split, bool Json);
