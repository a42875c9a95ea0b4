using System.CommandLine;
using IcedServerless.Cli.Hosting;

namespace IcedServerless.Cli.Commands.Models;

/// <summary>The syntax of <c>iced models</c>.</summary>
internal sealed class ModelsCommandDefinition
{
    public ModelsCommandDefinition(CliHost host, GlobalOptions options)
    {
        Command = new Command("models", "List the service's models: packing, classes, CKKS parameters, keys to register and bytes to upload.");
        CommandRunner.Bind(Command, host, options, (_, context, cancellationToken) => new ModelsCommand(context).ExecuteAsync(cancellationToken));
    }

    public Command Command { get; }
}
