using System.CommandLine;
using IcedServerless.Cli.Commands.Bench;
using IcedServerless.Cli.Commands.Client;
using IcedServerless.Cli.Commands.Demo;
using IcedServerless.Cli.Commands.Eval;
using IcedServerless.Cli.Commands.Models;
using IcedServerless.Cli.Commands.Serve;
using IcedServerless.Cli.Commands.Train;
using IcedServerless.Cli.Hosting;
using Spectre.Console;

namespace IcedServerless.Cli;

/// <summary>The <c>iced</c> entry point.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(CliHost.FromProcess(), args);

    /// <summary>Parses and runs; bad usage (unknown option, missing value) is exit code 2, with the parser's message.</summary>
    internal static async Task<int> RunAsync(CliHost host, string[] args, CancellationToken cancellationToken = default)
    {
        var parse = BuildRootCommand(host).Parse(args);
        var configuration = new InvocationConfiguration { Output = host.RawOut, Error = new SpectreErrorWriter(host.Error) };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                host.Error.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            }

            host.Error.MarkupLine("Run [bold]iced --help[/] (or [bold]iced COMMAND --help[/]) for usage.");
            return ExitCodes.UsageError;
        }

        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The command tree; output goes through <paramref name="host"/>, so tests can capture it.</summary>
    internal static RootCommand BuildRootCommand(CliHost host)
    {
        var options = new GlobalOptions();
        var jobs = new JobCommands(host, options);
        var root = new RootCommand("iced — encrypted chest X-ray classification (IcedServerless). The secret key never leaves this machine.")
        {
            new ModelsCommandDefinition(host, options).Command,
            new ServeCommandDefinition(host, options).Command,
            new KeysCommand(host, options).Command,
            new EncryptCommand(host, options).Command,
            new SubmitCommand(host, options).Command,
            jobs.Status,
            jobs.Wait,
            jobs.Results,
            new ScoreCommand(host, options).Command,
            new DemoCommandDefinition(host, options).Command,
            new BenchCommandDefinition(host, options).Command,
            new TrainCommandDefinition(host, options).Command,
            new EvalCommandDefinition(host, options).Command,
        };
        options.AddTo(root);
        return root;
    }
}
