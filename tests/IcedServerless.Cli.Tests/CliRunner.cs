using Spectre.Console;

namespace IcedServerless.Cli.Tests;

/// <summary>Runs the real command tree with output captured in plain text (no colours, wide lines).</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var parse = Program.BuildRootCommand(console).Parse(args);
        int exit = await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = writer, Error = writer });
        return (exit, writer.ToString());
    }
}
