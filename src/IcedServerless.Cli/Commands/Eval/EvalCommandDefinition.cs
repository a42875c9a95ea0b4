using System.CommandLine;
using IcedServerless.Cli.Hosting;

namespace IcedServerless.Cli.Commands.Eval;

/// <summary>The syntax of <c>iced eval</c>.</summary>
internal sealed class EvalCommandDefinition
{
    public EvalCommandDefinition(CliHost host, GlobalOptions options)
    {
        Split.AcceptOnlyFromAmong("train", "val", "test");
        Command = new Command("eval", "Evaluate a model file on a split of a MedMNIST-layout .npz (plaintext).")
        {
            Model, Data, Split,
        };
        CommandRunner.Bind(Command, host, options, (parse, context, cancellationToken) =>
            new EvalCommand(context.Output).ExecuteAsync(
                new EvalSettings(parse.GetRequiredValue(Model), parse.GetRequiredValue(Data), parse.GetValue(Split) ?? "test"),
                cancellationToken));
    }

    public Command Command { get; }

    public Option<string> Model { get; } = new("--model") { Description = "The model file.", Required = true };

    public Option<string> Data { get; } = new("--data") { Description = "The .npz archive (MedMNIST layout).", Required = true };

    public Option<string> Split { get; } = new("--split") { Description = "train, val or test.", DefaultValueFactory = _ => "test" };
}

/// <summary>The parsed options of <c>iced eval</c>.</summary>
internal sealed record EvalSettings(string ModelPath, string DataPath, string Split);
