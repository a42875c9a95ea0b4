using System.Text.Json;

namespace IcedServerless.Cli.Tests;

/// <summary>The split path: keys create → encrypt → submit → status → wait → results, as separate processes would run it.</summary>
public sealed class SplitCommandsTests : CliTestFolders
{
    private const string Model = "pneumoniamnist-28/latency";
    private readonly Dictionary<string, string?> _env = new() { ["ICED_PASS"] = "correct horse", ["WRONG_PASS"] = "battery staple" };

    [Fact]
    public async Task Keys_encrypt_submit_status_wait_results_give_the_plaintext_models_predictions()
    {
        var npy = Path.Combine(Work, "stack.npy");
        await File.WriteAllBytesAsync(npy, TestNumpy.Stack(3, 28));
        var created = await RunAsync("keys", "create", "--model", Model, "--passphrase-env", "ICED_PASS", "--json");
        Assert.True(created.ExitCode == 0, created.All);
        Assert.True(JsonDocument.Parse(created.Out).RootElement.GetProperty("secretSealed").GetBoolean());
        var again = await RunAsync("keys", "create", "--model", Model);
        Assert.Equal(ExitCodes.UsageError, again.ExitCode);
        Assert.Contains("--force", again.Error, StringComparison.Ordinal);
        var shown = await RunAsync("keys", "show", "--model", Model);
        Assert.True(shown.ExitCode == 0, shown.All);
        Assert.Contains("never leaves this machine", shown.Out, StringComparison.Ordinal);

        var wrong = await RunAsync("encrypt", npy, "--model", Model, "--out", Path.Combine(Work, "enc"), "--passphrase-env", "WRONG_PASS");
        Assert.Equal(ExitCodes.UsageError, wrong.ExitCode);
        var otherModel = await RunAsync("encrypt", npy, "--model", "pneumoniamnist-28/throughput", "--keys", Path.Combine(Home, "keys", "pneumoniamnist-28", "latency"),
            "--out", Path.Combine(Work, "enc"), "--passphrase-env", "ICED_PASS");
        Assert.Equal(ExitCodes.UsageError, otherModel.ExitCode);
        Assert.Contains("not pneumoniamnist-28/throughput", otherModel.Error, StringComparison.Ordinal);

        var encrypted = await RunAsync("encrypt", npy, "--model", Model, "--out", Path.Combine(Work, "enc"), "--passphrase-env", "ICED_PASS");
        Assert.True(encrypted.ExitCode == 0, encrypted.All);
        var submitted = await RunAsync("submit", Path.Combine(Work, "enc"), "--passphrase-env", "ICED_PASS", "--json");
        Assert.True(submitted.ExitCode == 0, submitted.All);
        var jobId = JsonDocument.Parse(submitted.Out).RootElement.GetProperty("jobId").GetString()!;
        Assert.Contains($"Job {jobId}", submitted.Error, StringComparison.Ordinal);

        var status = await RunAsync("status", jobId, "--json");
        Assert.True(status.ExitCode == 0, status.All);
        Assert.Equal("queued", JsonDocument.Parse(status.Out).RootElement.GetProperty("state").GetString());
        var waited = await RunAsync("wait", jobId, "--timeout", "5m");
        Assert.True(waited.ExitCode == 0, waited.All);
        Assert.Contains("Succeeded", waited.Out, StringComparison.Ordinal);

        var output = Path.Combine(Work, "out");
        var results = await RunAsync("results", jobId, "--out", output, "--passphrase-env", "ICED_PASS");
        Assert.True(results.ExitCode == 0, results.All);
        await using var stream = File.OpenRead(Path.Combine(output, "predictions.json"));
        var report = await Client.Results.PredictionWriter.ReadJsonAsync(stream);
        Assert.Equal(3, report.Predictions.Count);
        await ScoreCommandTests.AssertAgreesWithPlaintextAsync(npy, report);

        var unknown = await RunAsync("status", "0000deadbeef");
        Assert.Equal(ExitCodes.UsageError, unknown.ExitCode);
    }

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunInAsync(Home, _env, CancellationToken.None, args);
}
