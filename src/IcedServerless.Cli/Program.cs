using System.CommandLine;
using IcedServerless.Cli.Commands.Demo;
using IcedServerless.Cli.Commands.Eval;
using IcedServerless.Cli.Commands.Train;
using Spectre.Console;

namespace IcedServerless.Cli;

/// <summary>The <c>iced</c> entry point.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => BuildRootCommand(AnsiConsole.Console).Parse(args).InvokeAsync();

    /// <summary>The command tree; output goes through <paramref name="console"/>, so tests can capture it.</summary>
    internal static RootCommand BuildRootCommand(IAnsiConsole console)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Show underlying errors in full.", Recursive = true };
        return new RootCommand("iced — encrypted chest X-ray classification (IcedServerless).")
        {
            verbose,
            new DemoCommandDefinition(console, verbose).Command,
            new TrainCommandDefinition(console, verbose).Command,
            new EvalCommandDefinition(console, verbose).Command,
        };
    }
}
