using System.Diagnostics;
using IcedServerless.Ckks;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Client;
using IcedServerless.Contracts;
using IcedServerless.Functions;
using IcedServerless.Inference;
using IcedServerless.Inference.Evaluation;
using IcedServerless.Model;
using IcedServerless.Model.Data;
using IcedServerless.Model.Serialization;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Demo;

/// <summary>
/// <c>iced demo</c>, the main job: the real Functions app in this process (local mode: HTTP API, queue listener with
/// the host's trigger semantics, embedded file-system store) and the real client driving it over loopback HTTP —
/// keys, job, uploads by link, queue-triggered scoring on CKKS ciphertexts, polling, downloads — then decryption and a
/// report against the plaintext model. The secret key never leaves this client half.
/// </summary>
internal sealed partial class DemoCommand(IAnsiConsole console)
{
    public async Task<int> ExecuteAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var modelName = settings.ModelId.Split('/')[0];
        var model = await ModelFileReader.LoadAsync(Path.Combine(ModelCatalogLoader.DefaultDirectory, $"{modelName}.model.json"), cancellationToken)
            .ConfigureAwait(false);
        var dataPath = settings.DataPath ?? BundledData();
        var test = (await MedMnistLoader.LoadAsync(dataPath, model.ClassNames.Count, cancellationToken).ConfigureAwait(false)).Test;
        var count = Math.Min(settings.Images ?? test.Count, test.Count);
        var data = count == test.Count ? test : test.Subset(Enumerable.Range(0, count).ToArray());
        console.MarkupLineInterpolated($"[bold]IcedServerless demo[/]: {count} test images of [blue]{Path.GetFileName(dataPath)}[/] through [blue]{settings.ModelId}[/], encrypted end to end.");

        using var store = new TempStore();
        var app = FunctionsApp.Build(new FunctionsAppOptions
        {
            ModelCatalog = options => ModelCatalogLoader.Load(ModelCatalogLoader.DefaultDirectory, options.MaxDegreeOfParallelism),
            Settings = new Dictionary<string, string?> { ["Iced:EmbeddedStoreRoot"] = store.Path },
            Url = "http://127.0.0.1:0",
            ConfigureLogging = b => b.ClearProviders().SetMinimumLevel(LogLevel.Warning),
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            var client = new ScoringClient(http, FunctionsApp.ListeningUri(app.Services));
            var run = await RunAsync(client, model, data, settings.ModelId, cancellationToken).ConfigureAwait(false);
            Report(run, model, data, total.Elapsed);
            return run.Agreement >= 0.995 ? CommandRunner.Success : CommandRunner.InternalError;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<DemoRun> RunAsync(ScoringClient client, ClassifierModel model, ImageDataset data, string modelId, CancellationToken cancellationToken)
    {
        var plan = (await client.ListModelsAsync(cancellationToken).ConfigureAwait(false)).Models.FirstOrDefault(p => p.ModelId == modelId)
            ?? throw new UserFacingException($"The service has no model '{modelId}'.");
        var stages = new StageClock();
        var images = EncryptedEvaluation.Preprocess(data, model.Preprocessing);
        var units = PlanPacking.Units(plan, images.Length).ToArray();

        // Client: keys (the secret key stays here), then the encrypted units.
        var context = new CkksContext(EncryptionParameters.Load(plan.EncryptionParameters));
        var keygen = new KeyGenerator(context);
        using var secret = keygen.SecretKey;
        var relin = plan.NeedsRelinKeys ? keygen.CreateRelinKeysSerializable().Save() : null;
        var galois = plan.RotationSteps.Count > 0 ? keygen.CreateGaloisKeysSerializable(plan.RotationSteps).Save() : null;
        stages.Lap("key generation");
        var keySetId = await client.RegisterKeySetAsync(plan.ModelId, relin, galois, cancellationToken).ConfigureAwait(false);
        stages.Lap("key registration (upload)");

        var encoder = new CkksEncoder(context);
        var encryptor = new Encryptor(context, secret);
        var blobs = new byte[units.Length][];
        await Progress("Encrypting", units.Length, tick => Parallel.For(0, units.Length, u =>
        {
            var (start, size) = units[u];
            var vectors = PlanPacking.Pack(plan, images, start, size);
            blobs[u] = UnitBlob.Join(vectors.Select(v => encryptor.EncryptSymmetricSerializable(encoder.Encode(v, plan.InputScale)).Save()));
            tick();
        })).ConfigureAwait(false);
        stages.Lap("encryption");

        var job = await client.CreateJobAsync(plan.ModelId, keySetId, units.Length, cancellationToken).ConfigureAwait(false);
        await Progress("Uploading", units.Length, tick => Parallel.ForEachAsync(job.Uploads,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (link, ct) => { await client.UploadAsync(link.Url, blobs[link.Unit], ct).ConfigureAwait(false); tick(); })).ConfigureAwait(false);
        stages.Lap("upload");

        await client.SubmitAsync(job, cancellationToken).ConfigureAwait(false);
        var status = await WaitAsync(client, job, cancellationToken).ConfigureAwait(false);
        stages.Lap("queue and scoring (service)");
        if (status.State != JobState.Succeeded)
        {
            throw new UserFacingException($"Job {job.JobId} ended {status.State}: {status.Error?.Message}");
        }

        var results = new byte[units.Length][];
        await Progress("Downloading", units.Length, tick => Parallel.ForEachAsync(status.Results!,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (link, ct) => { results[link.Unit] = await client.DownloadAsync(link.Url, ct).ConfigureAwait(false); tick(); })).ConfigureAwait(false);
        stages.Lap("download");

        var decryptor = new Decryptor(context, secret);
        var logits = new double[images.Length * plan.ClassNames.Count];
        for (var u = 0; u < units.Length; u++)
        {
            var decoded = UnitBlob.Split(results[u]).Select(b => encoder.Decode(decryptor.Decrypt(Ciphertext.Load(context, b)))).ToArray();
            PlanPacking.Unpack(plan, decoded, units[u].Start, units[u].Count, logits);
        }

        stages.Lap("decryption");
        return DemoRun.Create(plan, model, data, images, logits, status, stages,
            (relin?.Length ?? 0) + (galois?.Length ?? 0), blobs.Sum(b => (long)b.Length), results.Sum(b => (long)b.Length));
    }

    private async Task<JobStatus> WaitAsync(ScoringClient client, CreateJobResponse job, CancellationToken cancellationToken)
    {
        JobStatus? status = null;
        await console.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask("Scoring on ciphertexts (queue-triggered)", maxValue: job.Units);
            var delay = TimeSpan.FromMilliseconds(100);
            while (true)
            {
                status = await client.GetStatusAsync(job.JobId, cancellationToken).ConfigureAwait(false);
                task.Value = status.Progress.UnitsDone;
                if (status.State is JobState.Succeeded or JobState.Failed or JobState.Expired)
                {
                    break;
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 1.5));
            }
        }).ConfigureAwait(false);
        return status!;
    }

    private Task Progress(string label, int units, Func<Action, Task> work) =>
        console.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask(label, maxValue: units);
            await work(() => task.Increment(1)).ConfigureAwait(false);
        });

    private Task Progress(string label, int units, Action<Action> work) =>
        Progress(label, units, tick => Task.Run(() => work(tick)));

    private static string BundledData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "pneumoniamnist", "pneumoniamnist_28.npz");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new UserFacingException("The bundled PneumoniaMNIST archive (data/pneumoniamnist/pneumoniamnist_28.npz) was not found; pass --data PATH.");
    }

    /// <summary>A temporary embedded store, deleted at the end.</summary>
    private sealed class TempStore : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "iced-demo-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}
