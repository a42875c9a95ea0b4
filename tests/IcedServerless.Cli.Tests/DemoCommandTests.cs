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
    }

    [Fact]
    public async Task Demo_with_an_unknown_model_is_a_user_error()
    {
        var (exit, output) = await CliRunner.RunAsync("demo", "--model", "no-such-model/throughput");
        Assert.Equal(2, exit);
        Assert.Contains("error", output, StringComparison.Ordinal);
    }
}
