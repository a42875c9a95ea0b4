using Spectre.Console;

namespace IcedServerless.Cli.Hosting;

/// <summary>
/// What the process gives a command: its two output streams and its environment. <c>Main</c> builds one from the real
/// process; tests build one over string writers and a dictionary, so they never touch the process environment.
/// </summary>
/// <param name="Out">Standard output, rendered (tables, messages).</param>
/// <param name="Error">Standard error, rendered (errors; progress and messages under <c>--json</c>).</param>
/// <param name="RawOut">Standard output as plain text, for the one JSON document of <c>--json</c> (never wrapped).</param>
/// <param name="Environment">Reads an environment variable (null when unset).</param>
/// <param name="UserHome">The user's home folder (the default <c>ICED_HOME</c> is <c>~/.iced</c> under it).</param>
internal sealed record CliHost(IAnsiConsole Out, IAnsiConsole Error, TextWriter RawOut, Func<string, string?> Environment, string UserHome)
{
    /// <summary>The real process: console streams (interactive only when attached to a terminal) and variables.</summary>
    public static CliHost FromProcess()
    {
        var stdout = Console.Out;
        return new CliHost(
            Create(stdout, Console.IsOutputRedirected),
            Create(Console.Error, Console.IsErrorRedirected),
            stdout,
            System.Environment.GetEnvironmentVariable,
            System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile));
    }

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            // Live progress bars only on a terminal; redirected output gets plain lines (CliOutput).
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Yes,
        });
        if (redirected)
        {
            // Files and logs have no width; Spectre's 80-column default would wrap every table cell.
            console.Profile.Width = 160;
        }

        return console;
    }
}
