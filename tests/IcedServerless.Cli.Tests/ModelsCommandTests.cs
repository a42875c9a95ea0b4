using System.Text.Json;
using IcedServerless.Cli.Hosting;
using IcedServerless.Testing;

namespace IcedServerless.Cli.Tests;

/// <summary><c>iced models</c> on the embedded endpoint, and how endpoint problems are reported.</summary>
public sealed class ModelsCommandTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoVariables = [];
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Models_lists_every_plan_in_a_table_on_the_embedded_store_under_ICED_HOME()
    {
        var result = await CliRunner.RunInAsync(_home.Path, NoVariables, CancellationToken.None, "models");
        Assert.True(result.ExitCode == 0, result.All);
        foreach (var id in new[] { "pneumoniamnist-28/throughput", "pneumoniamnist-28/latency", "covid-cxr-28/latency" })
        {
            Assert.Contains(id, result.Out, StringComparison.Ordinal);
        }

        Assert.Matches(@"relin \+ galois ×\d+ ≈ \d+\.\d MiB", result.Out);
        Assert.Contains($"embedded store at {Path.Combine(_home.Path, "store")}", result.Out, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_home.Path, "store")), "the embedded store lives under ICED_HOME");
    }

    [Fact]
    public async Task Models_json_prints_exactly_one_document_on_stdout()
    {
        var result = await CliRunner.RunInAsync(_home.Path, NoVariables, CancellationToken.None, "models", "--json");
        Assert.True(result.ExitCode == 0, result.All);
        using var document = JsonDocument.Parse(result.Out);
        var models = document.RootElement.GetProperty("models").EnumerateArray().ToArray();
        Assert.Equal(4, models.Length);
        var latency = models.Single(m => m.GetProperty("modelId").GetString() == "pneumoniamnist-28/latency");
        Assert.Equal("latency", latency.GetProperty("packing").GetString());
        Assert.Equal(1, latency.GetProperty("imagesPerUnit").GetInt32());
        Assert.True(latency.GetProperty("rotationSteps").GetArrayLength() > 0);
        // Relin plus one Galois key per step, each (primes − 1) seeded components over all primes.
        var primes = latency.GetProperty("coeffModulusBits").GetArrayLength();
        var n = latency.GetProperty("polyModulusDegree").GetInt64();
        Assert.Equal((1 + latency.GetProperty("rotationSteps").GetArrayLength()) * (primes - 1) * primes * n * 8,
            latency.GetProperty("evaluationKeyBytesEstimate").GetInt64());
        Assert.DoesNotContain("{", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_exit_code_3_with_what_to_check()
    {
        var result = await CliRunner.RunInAsync(_home.Path, NoVariables, CancellationToken.None, "models", "--endpoint", $"http://127.0.0.1:{LoopbackPorts.Unused()}/");
        Assert.Equal(ExitCodes.ServiceError, result.ExitCode);
        Assert.Contains("could not be reached", result.Error, StringComparison.Ordinal);
        Assert.Contains("scoring service at http://127.0.0.1", result.Error, StringComparison.Ordinal);
        Assert.Contains("ICED_ENDPOINT", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task The_endpoint_comes_from_ICED_ENDPOINT_when_no_option_is_given()
    {
        var variables = new Dictionary<string, string?> { [GlobalOptions.EndpointVariable] = $"http://127.0.0.1:{LoopbackPorts.Unused()}" };
        var result = await CliRunner.RunInAsync(_home.Path, variables, CancellationToken.None, "models");
        Assert.Equal(ExitCodes.ServiceError, result.ExitCode);
        Assert.Contains("/127.0.0.1:", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.org/")]
    [InlineData("not a url")]
    [InlineData("https://example.org/?code=secret")]
    public async Task A_bad_endpoint_value_is_a_usage_error(string endpoint)
    {
        var viaOption = await CliRunner.RunInAsync(_home.Path, NoVariables, CancellationToken.None, "models", "--endpoint", endpoint);
        Assert.Equal(ExitCodes.UsageError, viaOption.ExitCode);
        Assert.Contains("--endpoint", viaOption.Error, StringComparison.Ordinal);

        var viaEnvironment = await CliRunner.RunInAsync(_home.Path, new Dictionary<string, string?> { [GlobalOptions.EndpointVariable] = endpoint }, CancellationToken.None, "models");
        Assert.Equal(ExitCodes.UsageError, viaEnvironment.ExitCode);
        Assert.Contains(GlobalOptions.EndpointVariable, viaEnvironment.Error, StringComparison.Ordinal);
    }
}
