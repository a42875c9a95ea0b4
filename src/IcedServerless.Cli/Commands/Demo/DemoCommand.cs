using System.Diagnostics;
using IcedServerless.Ckks;
using IcedServerless.Cli.Hosting;
using IcedServerless.Cli.Output;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Client;
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
        var units = PlanPacking.Units(plan, images.Length).ToArray();

        // Client: keys (the secret key stays here), then the encrypted units.
        var ckks = new CkksContext(EncryptionParameters.Load(plan.EncryptionParameters));
        var keygen = new KeyGenerator(ckks);
        using var secret = keygen.SecretKey;
        var relin = plan.NeedsRelinKeys ? keygen.CreateRelinKeysSerializable().Save() : null;
        var galois = plan.RotationSteps.Count > 0 ? keygen.CreateGaloisKeysSerializable(plan.RotationSteps).Save() : null;
        stages.Lap("key generation");
        var keySetId = await client.RegisterKeySetAsync(plan.ModelId, relin, galois, cancellationToken).ConfigureAwait(false);
        stages.Lap("key registration (upload)");

        var encoder = new CkksEncoder(ckks);
        var encryptor = new Encryptor(ckks, secret);
        var blobs = new byte[units.Length][];
        await Output.ProgressAsync("encrypt", units.Length, "units", tick => Task.Run(() => Parallel.For(0, units.Length, new ParallelOptions { CancellationToken = cancellationToken }, u =>
        {
            var (start, size) = units[u];
            var vectors = PlanPacking.Pack(plan, images, start, size);
            // Seeded and uncompressed: half the size, and nothing to inflate on the service's critical path (docs/pipeline.md).
            blobs[u] = UnitBlob.Join(vectors.Select(v => encryptor.EncryptSymmetricSerializable(encoder.Encode(v, plan.InputScale)).Save(ComprModeType.None)));
            tick.Increment();
        }), cancellationToken)).ConfigureAwait(false);
        stages.Lap("encryption");

        var job = await client.CreateJobAsync(plan.ModelId, keySetId, units.Length, cancellationToken).ConfigureAwait(false);
        await Output.ProgressAsync("upload", units.Length, "units", tick => Parallel.ForEachAsync(job.Uploads,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (link, ct) => { await client.UploadAsync(link.Url, blobs[link.Unit], ct).ConfigureAwait(false); tick.Increment(); })).ConfigureAwait(false);
        stages.Lap("upload");

        await client.SubmitAsync(job, cancellationToken).ConfigureAwait(false);
        var status = await WaitAsync(client, job, cancellationToken).ConfigureAwait(false);
        stages.Lap("queue and scoring (service)");
        if (status.State != JobState.Succeeded)
        {
            throw new JobFailedException(job.JobId, status.State, status.Error?.Message);
        }

        var results = new byte[units.Length][];
        await Output.ProgressAsync("download", units.Length, "units", tick => Parallel.ForEachAsync(status.Results!,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (link, ct) => { results[link.Unit] = await client.DownloadAsync(link.Url, ct).ConfigureAwait(false); tick.Increment(); })).ConfigureAwait(false);
        stages.Lap("download");

        var decryptor = new Decryptor(ckks, secret);
        var logits = new double[images.Length * plan.ClassNames.Count];
        for (var u = 0; u < units.Length; u++)
        {
            var decoded = UnitBlob.Split(results[u]).Select(b => encoder.Decode(decryptor.Decrypt(Ciphertext.Load(ckks, b)))).ToArray();
            PlanPacking.Unpack(plan, decoded, units[u].Start, units[u].Count, logits);
        }

        stages.Lap("decryption");
        return DemoRun.Create(plan, model, data, images, logits, status, stages,
            (relin?.Length ?? 0) + (galois?.Length ?? 0), blobs.Sum(b => (long)b.Length), results.Sum(b => (long)b.Length));
    }

    private Task<JobStatus> WaitAsync(ScoringClient client, CreateJobResponse job, CancellationToken cancellationToken) =>
        Output.ProgressAsync("score", job.Units, "units scored", async tick =>
        {
            var delay = TimeSpan.FromMilliseconds(100);
            while (true)
            {
                var status = await client.GetStatusAsync(job.JobId, cancellationToken).ConfigureAwait(false);
                tick.Set(status.Progress.UnitsDone);
                if (status.State is JobState.Succeeded or JobState.Failed or JobState.Expired)
                {
                    return status;
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 1.5));
            }
        });
}
