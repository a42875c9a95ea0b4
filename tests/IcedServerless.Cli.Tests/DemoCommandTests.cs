using System.Text.Json;

namespace IcedServerless.Cli.Tests;

/// <summary>The main job, end to end through the in-process service (HTTP API, queue, embedded store, CKKS).</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_scores_encrypted_images_through_the_service_and_reports()
    {
        // The latency packing keeps the test short (a few images, one unit each); the README's command runs the
        // throughput packing on the whole test split.
        var (exit, output) = await CliRunner.RunAsync("demo", "--model", "pneumoniamnist-28/latency", "--images", "6");
        Assert.True(exit == 0, output);
        Assert.Matches(@"same diagnosis as the plaintext model\s+│ 100\.00 %", output);
        Assert.Contains("homomorphic scoring (service)", output, StringComparison.Ordinal);
        Assert.Contains("never sent", output, StringComparison.Ordinal);
        Assert.Matches(@"units \(ciphertext groups\) / shards\s+│ 6 / \d+", output);
        // Redirected: plain progress lines, no empty bars.
        Assert.Contains("encrypt: 0/6 units", output, StringComparison.Ordinal);
        Assert.Contains("encrypt: 6/6 units", output, StringComparison.Ordinal);
        Assert.Contains("score: 6/6 units scored", output, StringComparison.Ordinal);
        Assert.DoesNotContain("0%", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_json_is_one_document_on_stdout_with_progress_on_stderr()
    {
        var result = await CliRunner.RunAsync("demo", "--model", "pneumoniamnist-28/latency", "--images", "2", "--json");
        Assert.True(result.ExitCode == 0, result.All);
        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal(1.0, document.RootElement.GetProperty("agreement").GetDouble());
        Assert.Equal(2, document.RootElement.GetProperty("units").GetInt32());
        Assert.True(document.RootElement.GetProperty("stageSeconds").GetProperty("encryption").GetDouble() > 0);
        Assert.Contains("download: 2/2 units", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_with_an_unknown_model_is_a_user_error()
    {
        var (exit, output) = await CliRunner.RunAsync("demo", "--model", "no-such-model/throughput");
        Assert.Equal(2, exit);
        Assert.Contains("error", output, StringComparison.Ordinal);
    }
}
