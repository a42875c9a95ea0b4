using System.CommandLine;
using IcedServerless.Cli.Hosting;
using IcedServerless.Model.Training;

namespace IcedServerless.Cli.Commands.Train;

/// <summary>The syntax of <c>iced train</c>.</summary>
internal sealed class TrainCommandDefinition
{
    public TrainCommandDefinition(CliHost host, GlobalOptions options)
    {
        Dataset.AcceptOnlyFromAmong([.. TrainingRecipes.All.Select(r => r.Id)]);
        Command = new Command("train", "Train a CKKS-friendly classifier on a MedMNIST-layout .npz and write its model file.")
        {
            Dataset, Data, Out, Seed, Epochs,
        };
        CommandRunner.Bind(Command, host, options, (parse, context, cancellationToken) =>
            new TrainCommand(context.Output.Console).ExecuteAsync(
                new TrainSettings(parse.GetRequiredValue(Dataset), parse.GetRequiredValue(Data), parse.GetRequiredValue(Out), parse.GetValue(Seed), parse.GetValue(Epochs)),
                cancellationToken));
    }

    public Command Command { get; }

    public Option<string> Dataset { get; } = new("--dataset") { Description = "Which recipe: pneumoniamnist or covid.", Required = true };

    public Option<string> Data { get; } = new("--data") { Description = "The .npz archive (MedMNIST layout).", Required = true };

    public Option<string> Out { get; } = new("--out") { Description = "Where to write the model file (.model.json).", Required = true };

    public Option<ulong?> Seed { get; } = new("--seed") { Description = "Random seed (default: the recipe's, which reproduces the released model)." };

    public Option<int?> Epochs { get; } = new("--epochs") { Description = "Maximum epochs (default: the recipe's)." };
}

/// <summary>The parsed options of <c>iced train</c>.</summary>
internal sealed record TrainSettings(string Dataset, string DataPath, string OutPath, ulong? Seed, int? Epochs);
