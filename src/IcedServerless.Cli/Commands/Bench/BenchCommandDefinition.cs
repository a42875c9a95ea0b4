using System.CommandLine;
using IcedServerless.Cli.Hosting;

namespace IcedServerless.Cli.Commands.Bench;

/// <summary>The syntax of <c>iced bench</c>.</summary>
internal sealed class BenchCommandDefinition
{
    public BenchCommandDefinition(CliHost host, GlobalOptions options)
    {
        Images.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--images must be at least 1.");
            }
        });
        Command = new Command("bench", "Measure the encrypted pipeline in this process, without the service: key generation, encryption, encrypted evaluation and decryption per unit, sizes, and agreement with the plaintext model.")
        {
            ModelId, Images, Data,
        };
        CommandRunner.Bind(Command, host, options, (parse, context, cancellationToken) =>
            new BenchCommand(context).ExecuteAsync(parse.GetValue(ModelId)!, parse.GetValue(Images), parse.GetValue(Data), cancellationToken));
    }

    public Command Command { get; }

    public Option<string> ModelId { get; } = new("--model")
    {
        Description = "The model id: NAME/latency (one image per unit) or NAME/throughput (thousands per unit).",
        DefaultValueFactory = _ => "pneumoniamnist-28/latency",
    };

    // A handful of latency units finishes in well under a minute on two cores.
    public Option<int> Images { get; } = new("--images") { Description = "How many test images to score (default 4).", DefaultValueFactory = _ => 4 };

    public Option<string?> Data { get; } = new("--data") { Description = "A MedMNIST-layout .npz whose test split is used (default: the bundled PneumoniaMNIST)." };
}
