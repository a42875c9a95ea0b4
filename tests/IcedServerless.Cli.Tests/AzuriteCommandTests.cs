using System.Text.Json;
using IcedServerless.Client;
using IcedServerless.Client.Inputs;
using IcedServerless.Client.Jobs;
using IcedServerless.Client.Keys;
using IcedServerless.Client.Workflow;
using IcedServerless.Contracts;

namespace IcedServerless.Cli.Tests;

/// <summary>
/// The CLI against the Functions app on a real Azurite, through <c>--endpoint</c> and a function key: the storage a
/// deployed app uses (SAS links to blobs, real queues), where the embedded tests use the file-system store.
/// </summary>
public sealed class AzuriteCommandTests(AzuriteService service) : CliTestFolders, IClassFixture<AzuriteService>
{
    private const string Model = AzuriteService.Model;

    [Fact]
    public async Task Score_a_folder_of_png_and_dicom_on_azurite_agrees_with_the_plaintext_model()
    {
        var images = Path.Combine(Work, "xrays");
        Directory.CreateDirectory(images);
        File.Copy(ScoreCommandTests.ImagingData("png", "gray8.png"), Path.Combine(images, "a.png"));
        File.Copy(ScoreCommandTests.ImagingData("dicom", "ct-implicit.dcm"), Path.Combine(images, "b.dcm"));
        var output = Path.Combine(Work, "out");

        var result = await RunAsync("score", images, "--model", Model, "--keys", service.KeyDirectory, "--out", output, "--json");
        Assert.True(result.ExitCode == 0, result.All);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(2, json.RootElement.GetProperty("images").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("unitsUploaded").GetInt32());
        Assert.DoesNotContain(AzuriteService.FunctionKey, result.All, StringComparison.Ordinal);

        var report = await ReadReportAsync(output);
        Assert.Equal(["a.png", "b.dcm"], report.Predictions.Select(p => p.Name));
        await ScoreCommandTests.AssertAgreesWithPlaintextAsync(images, report);
    }

    [Fact]
    public async Task Keys_encrypt_submit_wait_results_on_azurite_give_the_plaintext_models_predictions()
    {
        var npy = Path.Combine(Work, "stack.npy");
        await File.WriteAllBytesAsync(npy, TestNumpy.Stack(2, 28));
        var keys = Path.Combine(Work, "keys");
        var created = await RunAsync("keys", "create", "--model", Model, "--keys", keys);
        Assert.True(created.ExitCode == 0, created.All);
        var encrypted = await RunAsync("encrypt", npy, "--model", Model, "--keys", keys, "--out", Path.Combine(Work, "enc"));
        Assert.True(encrypted.ExitCode == 0, encrypted.All);
        var submitted = await RunAsync("submit", Path.Combine(Work, "enc"), "--json");
        Assert.True(submitted.ExitCode == 0, submitted.All);
        var jobId = JsonDocument.Parse(submitted.Out).RootElement.GetProperty("jobId").GetString()!;

        var waited = await RunAsync("wait", jobId, "--timeout", "5m");
        Assert.True(waited.ExitCode == 0, waited.All);
        Assert.Contains("Succeeded", waited.Out, StringComparison.Ordinal);
        var output = Path.Combine(Work, "out");
        var results = await RunAsync("results", jobId, "--out", output);
        Assert.True(results.ExitCode == 0, results.All);
        var report = await ReadReportAsync(output);
        Assert.Equal(2, report.Predictions.Count);
        await ScoreCommandTests.AssertAgreesWithPlaintextAsync(npy, report);
    }

    [Fact]
    public async Task An_interrupted_score_on_azurite_resumes_uploading_only_the_missing_units()
    {
        var npy = Path.Combine(Work, "stack.npy");
        await File.WriteAllBytesAsync(npy, TestNumpy.Stack(4, 28));
        string jobId;
        int landed;
        using (var http = new HttpClient())
        {
            // parallelism 1: the upload stops after exactly the units reported, so some landed and some did not.
            var client = new ScoringClient(http, new Uri(service.Endpoint), AzuriteService.FunctionKey);
            var workflow = new ScoreWorkflow(client, new JobRecordStore(Home), service.Endpoint, parallelism: 1);
            var plan = await workflow.GetPlanAsync(Model);
            using var keys = await KeySetDirectory.LoadAsync(service.KeyDirectory, null);
            var inputs = await ImageInputs.LoadAsync(npy, plan.Preprocessing!);
            using var stop = new CancellationTokenSource();
            JobRecord? created = null;
            var progress = new SynchronousProgress<ScoreProgress>(p => { if (p.Stage == ScoreStage.Upload && p.Done >= 2) { stop.Cancel(); } });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                workflow.ScoreAsync(plan, keys, inputs, new JobSource(service.KeyDirectory, npy, NpzSplit.Test), progress, r => created = r, stop.Token));
            jobId = created!.JobId;
            landed = (await new JobRecordStore(Home).LoadAsync(jobId)).UnitsUploaded.Count;
            Assert.InRange(landed, 2, 3);
        }

        var output = Path.Combine(Work, "out");
        var result = await RunAsync("score", "--resume", jobId, "--out", output, "--json");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("warning", result.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(landed, json.RootElement.GetProperty("unitsAlreadyPresent").GetInt32());
        Assert.Equal(4 - landed, json.RootElement.GetProperty("unitsUploaded").GetInt32());
        Assert.Equal(JobState.Succeeded, (await new JobRecordStore(Home).LoadAsync(jobId)).State);
        await ScoreCommandTests.AssertAgreesWithPlaintextAsync(npy, await ReadReportAsync(output));
    }

    [Fact]
    public async Task A_wrong_function_key_or_a_job_the_service_does_not_know_is_exit_code_3_with_a_hint()
    {
        var noKey = new Dictionary<string, string?>();
        var wrong = await CliRunner.RunInAsync(Home, noKey, CancellationToken.None, "models", "--endpoint", service.Endpoint, "--function-key", "wr0ng-k3y");
        Assert.Equal(ExitCodes.ServiceError, wrong.ExitCode);
        Assert.Contains("--function-key", wrong.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wr0ng-k3y", wrong.All, StringComparison.Ordinal);

        var missing = await CliRunner.RunInAsync(Home, noKey, CancellationToken.None, "models", "--endpoint", service.Endpoint);
        Assert.Equal(ExitCodes.ServiceError, missing.ExitCode);
        Assert.Contains("--function-key", missing.Error, StringComparison.Ordinal);

        var right = await CliRunner.RunInAsync(Home, noKey, CancellationToken.None,
            "models", "--endpoint", service.Endpoint, "--function-key", AzuriteService.FunctionKey, "--json");
        Assert.True(right.ExitCode == 0, right.All);
        Assert.Contains(Model, right.Out, StringComparison.Ordinal);

        // A job recorded on this machine that the service never had (e.g. made on another endpoint, or its store reset).
        var keys = await KeySetDirectory.ReadInfoAsync(service.KeyDirectory);
        var now = DateTimeOffset.UtcNow;
        var ghost = new JobRecord("f00dfeedf00dfeedf00dfeedf00dfeed", service.Endpoint, Model, service.KeyDirectory, keys.KeySetId, Work, null,
            "fingerprint", 1, [new UnitRange(0, 1)], [0], now, now.AddDays(1), JobState.Queued);
        await new JobRecordStore(Home).SaveAsync(ghost);
        var unknown = await RunAsync("status", ghost.JobId);
        Assert.Equal(ExitCodes.ServiceError, unknown.ExitCode);
        Assert.Contains("--endpoint names the service the job was submitted to", unknown.Error, StringComparison.Ordinal);
    }

    private Task<CliResult> RunAsync(params string[] args) => service.RunAsync(Home, args);

    private static async Task<Client.Results.PredictionReport> ReadReportAsync(string output)
    {
        await using var stream = File.OpenRead(Path.Combine(output, "predictions.json"));
        return await Client.Results.PredictionWriter.ReadJsonAsync(stream);
    }
}
