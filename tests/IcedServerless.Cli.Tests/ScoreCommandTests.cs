using System.Globalization;
using System.Text.Json;
using IcedServerless.Cli.Hosting;
using IcedServerless.Client;
using IcedServerless.Client.Inputs;
using IcedServerless.Client.Jobs;
using IcedServerless.Client.Keys;
using IcedServerless.Client.Workflow;
using IcedServerless.Functions;
using IcedServerless.Model.Serialization;
using IcedServerless.Testing;

namespace IcedServerless.Cli.Tests;

/// <summary><c>iced score</c> end to end on the embedded endpoint: real files, real service, real CKKS.</summary>
public sealed class ScoreCommandTests : CliTestFolders
{
    private const string Model = "pneumoniamnist-28/latency";

    [Fact]
    public async Task Score_a_folder_of_png_and_dicom_skips_a_corrupt_file_and_agrees_with_the_plaintext_model()
    {
        var images = Path.Combine(Work, "xrays");
        Directory.CreateDirectory(images);
        File.Copy(ImagingData("png", "gray8.png"), Path.Combine(images, "a.png"));
        File.Copy(ImagingData("dicom", "ct-implicit.dcm"), Path.Combine(images, "b.dcm"));
        await File.WriteAllBytesAsync(Path.Combine(images, "broken.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        var output = Path.Combine(Work, "out");

        // The model named without its packing: for two images the latency packing uploads far less.
        var result = await RunAsync("score", images, "--model", "pneumoniamnist-28", "--out", output, "--json");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("broken.png", result.Error, StringComparison.Ordinal);
        Assert.Contains($"Using {Model}", result.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(2, json.RootElement.GetProperty("images").GetInt32());
        Assert.Equal(Model, json.RootElement.GetProperty("modelId").GetString());

        await using var stream = File.OpenRead(Path.Combine(output, "predictions.json"));
        var report = await Client.Results.PredictionWriter.ReadJsonAsync(stream);
        Assert.Equal(["a.png", "b.dcm"], report.Predictions.Select(p => p.Name));
        await AssertAgreesWithPlaintextAsync(images, report);
        var csv = await File.ReadAllLinesAsync(Path.Combine(output, "predictions.csv"));
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("\"a.png\",", csv[1], StringComparison.Ordinal);
        Assert.Equal(report.Predictions[0].Probabilities[1], double.Parse(csv[1].Split(',')[3], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_interrupted_score_resumes_without_re_uploading_what_landed()
    {
        var npy = Path.Combine(Work, "stack.npy");
        await File.WriteAllBytesAsync(npy, TestNumpy.Stack(4, 28));
        var store = Path.Combine(Home, "store");
        string jobId;
        int landed;
        var app = EmbeddedService.Build("http://127.0.0.1:0", store, null, queueListener: false);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient();
            var workflow = new ScoreWorkflow(new ScoringClient(http, FunctionsApp.ListeningUri(app.Services)), new JobRecordStore(Home), "embedded", parallelism: 1);
            var plan = await workflow.GetPlanAsync(Model);
            var keyDir = Path.Combine(Home, "keys", "pneumoniamnist-28", "latency");
            using var keys = ClientKeySet.Create(plan);
            await KeySetDirectory.SaveAsync(keyDir, keys);
            var inputs = await ImageInputs.LoadAsync(npy, plan.Preprocessing!);
            using var stop = new CancellationTokenSource();
            JobRecord? created = null;
            var progress = new SynchronousProgress<ScoreProgress>(p => { if (p.Stage == ScoreStage.Upload && p.Done >= 2) { stop.Cancel(); } });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                workflow.ScoreAsync(plan, keys, inputs, new JobSource(keyDir, npy, NpzSplit.Test), progress, r => created = r, stop.Token));
            jobId = created!.JobId;
            landed = (await new JobRecordStore(Home).LoadAsync(jobId)).UnitsUploaded.Count;
            Assert.InRange(landed, 2, 3);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        var result = await RunAsync("score", "--resume", jobId, "--out", Path.Combine(Work, "out"), "--json");
        Assert.True(result.ExitCode == 0, result.All);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(landed, json.RootElement.GetProperty("unitsAlreadyPresent").GetInt32());
        Assert.Equal(4 - landed, json.RootElement.GetProperty("unitsUploaded").GetInt32());
        Assert.Equal(4, json.RootElement.GetProperty("images").GetInt32());
        Assert.Equal(Contracts.JobState.Succeeded, (await new JobRecordStore(Home).LoadAsync(jobId)).State);
    }

    [Fact]
    public async Task Score_with_throughput_packing_puts_several_images_in_one_unit_and_agrees_with_the_plaintext_model()
    {
        // One throughput unit costs ~20 s on 2 cores, so this is the only such test.
        var npy = Path.Combine(Work, "stack.npy");
        await File.WriteAllBytesAsync(npy, TestNumpy.Stack(5, 28));
        var output = Path.Combine(Work, "out");

        var result = await RunAsync("score", npy, "--model", "pneumoniamnist-28/throughput", "--out", output, "--json");
        Assert.True(result.ExitCode == 0, result.All);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(5, json.RootElement.GetProperty("images").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("units").GetInt32());
        await using var stream = File.OpenRead(Path.Combine(output, "predictions.json"));
        var report = await Client.Results.PredictionWriter.ReadJsonAsync(stream);
        Assert.Equal("pneumoniamnist-28/throughput", report.Model);
        await AssertAgreesWithPlaintextAsync(npy, report);
    }

    [Fact]
    public async Task Ctrl_c_during_score_is_exit_code_130_with_the_resume_command()
    {
        var npy = Path.Combine(Work, "stack.npy");
        await File.WriteAllBytesAsync(npy, TestNumpy.Stack(4, 28));
        using var stop = new CancellationTokenSource();
        var scoring = CliRunner.RunInAsync(Home, new Dictionary<string, string?>(), stop.Token, "score", npy, "--model", Model);
        var jobs = Path.Combine(Home, "jobs");
        // The job record is written as soon as the job exists: interrupt then, as a user pressing Ctrl-C would.
        while (!scoring.IsCompleted && !(Directory.Exists(jobs) && Directory.EnumerateFiles(jobs, "*.json").Any()))
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        var result = await scoring.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == ExitCodes.Cancelled, result.All);
        var jobId = Path.GetFileNameWithoutExtension(Assert.Single(Directory.EnumerateFiles(jobs, "*.json")));
        Assert.Contains($"iced score --resume {jobId}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_inputs_are_usage_errors_with_a_message()
    {
        var missing = await RunAsync("score", Path.Combine(Work, "nope"), "--model", Model);
        Assert.Equal(ExitCodes.UsageError, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);

        var text = Path.Combine(Work, "notes.txt");
        await File.WriteAllTextAsync(text, "not an image");
        var notImage = await RunAsync("score", text, "--model", Model);
        Assert.Equal(ExitCodes.UsageError, notImage.ExitCode);
        Assert.Contains("not a PNG", notImage.Error, StringComparison.Ordinal);

        var empty = Path.Combine(Work, "empty");
        Directory.CreateDirectory(empty);
        await File.WriteAllTextAsync(Path.Combine(empty, "readme.txt"), "x");
        var noImages = await RunAsync("score", empty, "--model", Model);
        Assert.Equal(ExitCodes.UsageError, noImages.ExitCode);
        Assert.Contains("no readable", noImages.Error, StringComparison.Ordinal);

        var unknownJob = await RunAsync("score", "--resume", "0000deadbeef");
        Assert.Equal(ExitCodes.UsageError, unknownJob.ExitCode);
        Assert.Contains("no record of job", unknownJob.Error, StringComparison.Ordinal);

        var unreachable = await RunAsync("score", text, "--model", Model, "--endpoint", $"http://127.0.0.1:{LoopbackPorts.Unused()}");
        Assert.Equal(ExitCodes.ServiceError, unreachable.ExitCode);
    }

    internal static string ImagingData(params string[] parts) => Path.Combine([RepoPaths.Root, "tests", "IcedServerless.Imaging.Tests", "Data", .. parts]);

    internal static async Task AssertAgreesWithPlaintextAsync(string input, Client.Results.PredictionReport report)
    {
        var model = await ModelFileReader.LoadAsync(BundledFiles.ModelFile(Model));
        var inputs = await ImageInputs.LoadAsync(input, model.Preprocessing);
        var expected = model.PredictProbabilities(inputs.Images.SelectMany(i => i).ToArray(), inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var p = report.Predictions[i];
            Assert.Equal(model.Decision.Predict(expected.AsSpan(i * 2, 2)), p.PredictedClass);
            Assert.InRange(Math.Abs(p.Probabilities[1] - expected[(i * 2) + 1]), 0, 1e-3);
        }
    }

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunInAsync(Home, new Dictionary<string, string?>(), CancellationToken.None, args);
}
