using System.Text.Json;

namespace IcedServerless.Cli.Tests;

/// <summary><c>iced bench</c>: the encrypted pipeline in-process on a couple of images.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task Bench_measures_each_stage_and_agrees_with_the_plaintext_model()
    {
        var result = await CliRunner.RunAsync("bench", "--model", "pneumoniamnist-28/latency", "--images", "2", "--json");
        Assert.True(result.ExitCode == 0, result.All);
        using var document = JsonDocument.Parse(result.Out);
        var b = document.RootElement;
        Assert.Equal("pneumoniamnist-28/latency", b.GetProperty("modelId").GetString());
        Assert.Equal(2, b.GetProperty("images").GetInt32());
        Assert.Equal(2, b.GetProperty("units").GetInt32());
        Assert.Equal(1.0, b.GetProperty("decisionAgreement").GetDouble());
        Assert.InRange(b.GetProperty("maxLogitError").GetDouble(), 0, 0.05);
        foreach (var stage in new[] { "keyGenerationMs", "encryptionMsPerUnit", "evaluationMsPerUnit", "decryptionMsPerUnit" })
        {
            Assert.True(b.GetProperty(stage).GetDouble() > 0, stage);
        }

        Assert.True(b.GetProperty("galoisKeyBytes").GetInt64() > b.GetProperty("relinKeyBytes").GetInt64());
        Assert.True(b.GetProperty("uploadBytesPerUnit").GetInt64() > 0);
        Assert.Contains("bench:", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-model/latency")]
    [InlineData("pneumoniamnist-28/sideways")]
    public async Task An_unknown_model_is_a_usage_error(string model)
    {
        var result = await CliRunner.RunAsync("bench", "--model", model, "--images", "1");
        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("iced models", result.Error + result.Out, StringComparison.Ordinal);
    }
}
