using System.Diagnostics;
using IcedServerless.Cli.Hosting;
using IcedServerless.Cli.Output;
using IcedServerless.Client;
using IcedServerless.Client.Encryption;
using IcedServerless.Client.Inputs;
using IcedServerless.Client.Keys;
using IcedServerless.Client.Results;
using IcedServerless.Client.Workflow;
using IcedServerless.Contracts;
using IcedServerless.Inference;
using IcedServerless.Inference.Evaluation;
using IcedServerless.Model;
using IcedServerless.Model.Data;
using IcedServerless.Model.Serialization;

namespace IcedServerless.Cli.Commands.Demo;

/// <summary>
/// <c>iced demo</c>, the main job: the real Functions app in this process (local mode: HTTP API, queue listener with
/// the host's trigger semantics, embedded file-system store) and the real client driving it over loopback HTTP —
/// keys, job, uploads by link, queue-triggered scoring on CKKS ciphertexts, polling, downloads — then decryption and a
/// report against the plaintext model. The secret key never leaves this client half.
/// </summary>
internal sealed partial class DemoCommand(CliContext context)
{
    private CliOutput Output => context.Output;

    public async Task<int> ExecuteAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var model = await ModelFileReader.LoadAsync(BundledFiles.ModelFile(settings.ModelId), cancellationToken).ConfigureAwait(false);
        var dataPath = settings.DataPath ?? BundledFiles.PneumoniaMnist();
        var test = (await MedMnistLoader.LoadAsync(dataPath, model.ClassNames.Count, cancellationToken).ConfigureAwait(false)).Test;
        var count = Math.Min(settings.Images ?? test.Count, test.Count);
        var data = count == test.Count ? test : test.Subset(Enumerable.Range(0, count).ToArray());

        // The service scores the demo's job, so an embedded one runs its queue listener.
        await using var service = await context.OpenServiceAsync(queueListener: true, cancellationToken).ConfigureAwait(false);
        Output.Message($"[bold]IcedServerless demo[/]: {count} test images of [blue]{Path.GetFileName(dataPath)}[/] through [blue]{settings.ModelId}[/] on {service.Description}, encrypted end to end.");
        var run = await RunAsync(service.Client, model, data, settings.ModelId, cancellationToken).ConfigureAwait(false);
        var elapsed = total.Elapsed;
        Output.WriteResult(DemoResult.From(run, model, elapsed), _ => Report(run, model, data, elapsed));
        return run.Agreement >= 0.995 ? ExitCodes.Success : ExitCodes.InternalError;
    }

    private async Task<DemoRun> RunAsync(ScoringClient client, ClassifierModel model, ImageDataset data, string modelId, CancellationToken cancellationToken)
    {
        var plan = (await client.ListModelsAsync(cancellationToken).ConfigureAwait(false)).Models.FirstOrDefault(p => p.ModelId == modelId)
            ?? throw new UserFacingException($"The service has no model '{modelId}'; `iced models` lists its models.");
        var stages = new StageClock();
        var images = EncryptedEvaluation.Preprocess(data, model.Preprocessing);
        var inputs = new InputSet(Enumerable.Range(0, images.Length).Select(i => $"test/{i:D5}").ToArray(), images);

        // The client library's pieces one by one (as `iced score` chains them), so each stage gets its own time.
        using var keys = ClientKeySet.Create(plan);
        stages.Lap("key generation");
        var keySetId = await client.RegisterKeySetAsync(plan.ModelId, keys.RelinKeys, keys.GaloisKeys, cancellationToken).ConfigureAwait(false);
        stages.Lap("key registration (upload)");

        var encryptor = new UnitEncryptor(plan, keys);
        var units = encryptor.Units(inputs);
        var blobs = new byte[units.Count][];
        await Output.ProgressAsync("encrypt", units.Count, "units", tick => Task.Run(() => Parallel.For(0, units.Count, new ParallelOptions { CancellationToken = cancellationToken }, u =>
        {
            blobs[u] = encryptor.EncryptUnit(inputs, units[u].Start, units[u].Count);
            tick.Increment();
        }), cancellationToken)).ConfigureAwait(false);
        stages.Lap("encryption");

        var job = await client.CreateJobAsync(plan.ModelId, keySetId, units.Count, cancellationToken).ConfigureAwait(false);
        await Output.ProgressAsync("upload", units.Count, "units", tick => Parallel.ForEachAsync(job.Uploads,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (link, ct) => { await client.UploadAsync(link.Url, blobs[link.Unit], ct).ConfigureAwait(false); tick.Increment(); })).ConfigureAwait(false);
        stages.Lap("upload");

        await client.SubmitAsync(job, cancellationToken).ConfigureAwait(false);
        var status = await Output.ProgressAsync("score", job.Units, "units scored", tick => client.WaitForCompletionAsync(
            job.JobId, new SynchronousProgress<JobStatus>(s => tick.Set(s.Progress.UnitsDone)), timeout: null, cancellationToken)).ConfigureAwait(false);
        stages.Lap("queue and scoring (service)");
        if (status.State != JobState.Succeeded)
        {
            throw new ScoringJobFailedException(job.JobId, status.State, status.Error?.Message);
        }

        var results = new byte[units.Count][];
        await Output.ProgressAsync("download", units.Count, "units", tick => Parallel.ForEachAsync(status.Results!,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (link, ct) => { results[link.Unit] = await client.DownloadAsync(link.Url, ct).ConfigureAwait(false); tick.Increment(); })).ConfigureAwait(false);
        stages.Lap("download");

        var decoder = new PredictionDecoder(plan, keys);
        var classes = plan.ClassNames.Count;
        var logits = new double[images.Length * classes];
        for (var u = 0; u < units.Count; u++)
        {
            var (start, count) = units[u];
            var predictions = decoder.Decode(u, results[u], inputs, start, count);
            for (var k = 0; k < count; k++)
            {
                predictions[k].Logits.CopyTo(logits, (start + k) * classes);
            }
        }

        stages.Lap("decryption");
        return DemoRun.Create(plan, model, data, images, logits, status, stages,
            (keys.RelinKeys?.Length ?? 0) + (keys.GaloisKeys?.Length ?? 0), blobs.Sum(b => (long)b.Length), results.Sum(b => (long)b.Length));
    }
}
