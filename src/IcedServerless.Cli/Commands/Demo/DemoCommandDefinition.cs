using System.CommandLine;
using IcedServerless.Cli.Hosting;

namespace IcedServerless.Cli.Commands.Demo;

/// <summary>The syntax of <c>iced demo</c>.</summary>
internal sealed class DemoCommandDefinition
{
    public DemoCommandDefinition(CliHost host, GlobalOptions options)
    {
        Command = new Command("demo", "Run the whole system: score the bundled PneumoniaMNIST test split encrypted, end to end, on the service (by default started in-process on the embedded store).")
        {
            ModelId, Data, Images,
        };
        CommandRunner.Bind(Command, host, options, (parse, context, cancellationToken) =>
            new DemoCommand(context).ExecuteAsync(
                new DemoSettings(parse.GetValue(ModelId)!, parse.GetValue(Data), parse.GetValue(Images)), cancellationToken));
    }

    public Command Command { get; }

    public Option<string> ModelId { get; } = new("--model")
    {
        Description = "The service model to score with: NAME/throughput (a unit holds thousands of images) or NAME/latency (one image per unit).",
        DefaultValueFactory = _ => "pneumoniamnist-28/throughput",
    };

    public Option<string?> Data { get; } = new("--data")
    {
        Description = "A MedMNIST-layout .npz whose test split is scored (default: the bundled PneumoniaMNIST).",
    };

    public Option<int?> Images { get; } = new("--images") { Description = "Score only the first N test images (default: all)." };
}

/// <summary>The parsed options of <c>iced demo</c>.</summary>
internal sealed record DemoSettings(string ModelId, string? DataPath, int? Images);
