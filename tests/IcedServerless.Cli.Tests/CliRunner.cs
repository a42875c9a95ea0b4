using IcedServerless.Cli.Hosting;
using IcedServerless.Testing;
using Spectre.Console;

namespace IcedServerless.Cli.Tests;

/// <summary>What one run printed: stdout and stderr apart, as a script sees them.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;

    public void Deconstruct(out int exitCode, out string output) => (exitCode, output) = (ExitCode, All);
}

/// <summary>
/// Runs the real command tree in-process, as if redirected (no colours, no live bars, wide lines), with its own
/// environment: ICED_HOME is a fresh temporary folder and nothing is read from or written to the process environment.
/// </summary>
internal static class CliRunner
{
    /// <summary>Runs in a throwaway ICED_HOME.</summary>
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var home = new TempDirectory();
        return await RunInAsync(home.Path, new Dictionary<string, string?>(), CancellationToken.None, args);
    }

    /// <summary>Runs with ICED_HOME = <paramref name="home"/> and the given variables.</summary>
    public static async Task<CliResult> RunInAsync(string home, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var host = new CliHost(Console(stdout), Console(stderr), stdout,
            name => name == GlobalOptions.HomeVariable ? home : environment.GetValueOrDefault(name), home);
        var exit = await Program.RunAsync(host, args, cancellationToken);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    private static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }
}
