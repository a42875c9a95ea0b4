using IcedServerless.Cli.Output;
using Spectre.Console;

namespace IcedServerless.Cli.Tests;

/// <summary>Redirected progress: plain lines, at most one per tenth of a stage.</summary>
public sealed class OutputTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    public async Task Redirected_progress_prints_a_line_per_tenth_from_parallel_ticks(int total)
    {
        var (output, writer) = Redirected();
        await output.ProgressAsync("encrypt", total, "units", ticker => Parallel.ForAsync(0, total, (_, _) =>
        {
            ticker.Increment();
            return ValueTask.CompletedTask;
        }));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(11, lines.Length);
        Assert.Equal($"encrypt: 0/{total} units", lines[0]);
        Assert.Equal($"encrypt: {total}/{total} units", lines[^1]);
        Assert.All(lines, l => Assert.Matches(@"^encrypt: \d+/\d+ units$", l));
    }

    [Fact]
    public async Task A_stage_that_ends_short_still_prints_where_it_ended_and_polled_values_never_go_back()
    {
        var (output, writer) = Redirected();
        await output.ProgressAsync("score", 8, "units scored", ticker =>
        {
            ticker.Set(3);
            ticker.Set(1);
            return Task.CompletedTask;
        });
        Assert.Equal(["score: 0/8 units scored", "score: 3/8 units scored"], writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Json_results_go_to_stdout_alone_and_messages_to_stderr()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var output = new CliOutput(Console(new StringWriter()), Console(stderr), stdout, json: true);
        output.Message($"working");
        output.WriteResult(new { Answer = 42 }, _ => throw new InvalidOperationException("no tables under --json"));
        Assert.Equal("{\n  \"answer\": 42\n}", stdout.ToString().Trim().ReplaceLineEndings("\n"));
        Assert.Contains("working", stderr.ToString(), StringComparison.Ordinal);
    }

    private static (CliOutput Output, StringWriter Writer) Redirected()
    {
        var writer = new StringWriter();
        return (new CliOutput(Console(writer), Console(new StringWriter()), writer, json: false), writer);
    }

    private static IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Out = new AnsiConsoleOutput(writer),
        Interactive = InteractionSupport.No,
    });
}
