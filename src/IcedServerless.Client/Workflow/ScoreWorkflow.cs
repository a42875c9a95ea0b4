using IcedServerless.Client.Encryption;
using IcedServerless.Client.Inputs;
using IcedServerless.Client.Jobs;
using IcedServerless.Client.Keys;
using IcedServerless.Client.Results;
using IcedServerless.Contracts;
using IcedServerless.Inference;

namespace IcedServerless.Client.Workflow;

/// <summary>
/// Scores images on the service end to end, on the client's side: checks the keys against the plan, registers them,
/// creates the job and records it at once (so an interruption can be resumed), encrypts and uploads the units in a
/// bounded pipeline, submits, waits, downloads and decrypts. <see cref="ResumeAsync"/> picks an interrupted job up
/// where it stopped. The secret key never leaves this process.
/// </summary>
public sealed partial class ScoreWorkflow
{
    private readonly ScoringClient _client;
    private readonly JobRecordStore _records;
    private readonly string _endpoint;
    private readonly int _parallelism;

    /// <summary>Creates the workflow.</summary>
    /// <param name="client">The service.</param>
    /// <param name="records">Where job records are kept.</param>
    /// <param name="endpoint">The service as recorded in job records (<c>embedded</c> or its URL).</param>
    /// <param name="parallelism">
    /// Units in flight at once (encrypting or uploading); bounds memory to that many units. 0: the processor count
    /// plus two (uploads wait on the network while others encrypt), at most 8.
    /// </param>
    public ScoreWorkflow(ScoringClient client, JobRecordStore records, string endpoint, int parallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentOutOfRangeException.ThrowIfNegative(parallelism);
        _client = client;
        _records = records;
        _endpoint = endpoint;
        _parallelism = parallelism > 0 ? parallelism : Math.Min(8, Environment.ProcessorCount + 2);
    }

    /// <summary>The plan the service publishes for <paramref name="modelId"/>.</summary>
    /// <param name="modelId">The model.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ModelNotFoundException">The service has no such model.</exception>
    public async Task<ModelPlan> GetPlanAsync(string modelId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        var models = await ListPlansAsync(cancellationToken).ConfigureAwait(false);
        return models.FirstOrDefault(p => p.ModelId == modelId) ?? throw new ModelNotFoundException(modelId, models.Select(p => p.ModelId));
    }

    /// <summary>Every plan the service publishes.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plans.</returns>
    public async Task<IReadOnlyList<ModelPlan>> ListPlansAsync(CancellationToken cancellationToken = default) =>
        (await _client.ListModelsAsync(cancellationToken).ConfigureAwait(false)).Models;

    /// <summary>The whole flow for new inputs: job, uploads, submit, wait, results.</summary>
    /// <param name="plan">The model's plan (<see cref="GetPlanAsync"/>).</param>
    /// <param name="keys">Keys for it.</param>
    /// <param name="inputs">The images.</param>
    /// <param name="source">Where keys and inputs came from (recorded for resumption).</param>
    /// <param name="progress">Stage progress, or null.</param>
    /// <param name="onCreated">Called with the record as soon as the job exists (e.g. to tell the user its id).</param>
    /// <param name="cancellationToken">Cancels; the job record stays, so <see cref="ResumeAsync"/> can continue.</param>
    /// <returns>The predictions and the job.</returns>
    /// <exception cref="KeySetMismatchException">The keys do not serve the plan.</exception>
    /// <exception cref="ScoringJobFailedException">The job failed or expired.</exception>
    public async Task<ScoreOutcome> ScoreAsync(ModelPlan plan, ClientKeySet keys, InputSet inputs, JobSource source,
        IProgress<ScoreProgress>? progress = null, Action<JobRecord>? onCreated = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var encryptor = new UnitEncryptor(plan, keys);
        var units = encryptor.Units(inputs).Select(u => new UnitRange(u.Start, u.Count)).ToArray();
        var (record, links) = await CreateJobAsync(plan, keys, source, inputs.Fingerprint, inputs.Count, units, cancellationToken).ConfigureAwait(false);
        onCreated?.Invoke(record);
        var uploads = await UploadAsync(record, links, EncryptingSource(encryptor, inputs, units), progress, cancellationToken).ConfigureAwait(false);
        record = await SubmitAsync(uploads.Record, cancellationToken).ConfigureAwait(false);
        var (final, status) = await WaitAsync(record, progress, null, cancellationToken).ConfigureAwait(false);
        var report = await DownloadAsync(final, status, plan, keys, inputs, progress, cancellationToken).ConfigureAwait(false);
        return new ScoreOutcome(final, report, status, uploads);
    }

    /// <summary>
    /// Registers the keys (a repeat costs one call), creates the job and saves its record before anything is uploaded.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="keys">Keys for it.</param>
    /// <param name="source">Where keys and inputs came from.</param>
    /// <param name="fingerprint">The inputs' <see cref="InputSet.Fingerprint"/>.</param>
    /// <param name="images">How many images the inputs hold.</param>
    /// <param name="units">The units, in order.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The saved record and the upload links.</returns>
    /// <exception cref="KeySetMismatchException">The keys do not serve the plan.</exception>
    public async Task<(JobRecord Record, IReadOnlyList<UnitLink> Uploads)> CreateJobAsync(ModelPlan plan, ClientKeySet keys, JobSource source,
        string fingerprint, int images, IReadOnlyList<UnitRange> units, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(units);
        keys.EnsureMatches(plan);
        var keySetId = await _client.RegisterKeySetAsync(plan.ModelId, keys.RelinKeys, keys.GaloisKeys, cancellationToken).ConfigureAwait(false);
        var job = await _client.CreateJobAsync(plan.ModelId, keySetId, units.Count, cancellationToken).ConfigureAwait(false);
        var record = new JobRecord(job.JobId, _endpoint, plan.ModelId, source.KeyDirectory, keySetId, source.InputPath, source.Split,
            fingerprint, images, units, [], DateTimeOffset.UtcNow, job.ExpiresOn, JobState.Created);
        // Saved with the create answer's cancellation-free token: a job that exists must be on record to be resumable.
        await _records.SaveAsync(record, CancellationToken.None).ConfigureAwait(false);
        return (record, job.Uploads);
    }

    /// <summary>
    /// Uploads the units behind <paramref name="links"/>, at most the workflow's parallelism at a time (each unit's bytes
    /// are made, sent and dropped, so memory stays bounded), recording each landed unit in the job record.
    /// </summary>
    /// <param name="record">The job record.</param>
    /// <param name="links">Create-only links for the units to send.</param>
    /// <param name="unitBytes">Makes a unit's bytes (encrypts it, or reads it from a file).</param>
    /// <param name="progress">Upload progress, or null.</param>
    /// <param name="cancellationToken">Cancels; units that landed stay recorded.</param>
    /// <returns>The updated record and counts.</returns>
    public async Task<UploadSummary> UploadAsync(JobRecord record, IReadOnlyList<UnitLink> links,
        Func<int, CancellationToken, Task<byte[]>> unitBytes, IProgress<ScoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(unitBytes);
        var gate = new SemaphoreSlim(1, 1);
        var current = record;
        var total = record.Units.Count;
        var alreadyPresent = record.UnitsUploaded.Count;
        var uploaded = 0;
        long bytes = 0;
        progress?.Report(new ScoreProgress(ScoreStage.Upload, alreadyPresent, total));
        await Parallel.ForEachAsync(links, new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (link, ct) =>
            {
                var content = await unitBytes(link.Unit, ct).ConfigureAwait(false);
                var outcome = await _client.UploadAsync(link.Url, content, ct).ConfigureAwait(false);
                await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    if (outcome == UploadOutcome.Uploaded)
                    {
                        uploaded++;
                        bytes += content.Length;
                    }
                    else
                    {
                        alreadyPresent++;
                    }

                    // Recorded whatever the cancellation says: the unit has landed and must not be sent again.
                    current = current.WithUploaded(link.Unit);
                    await _records.SaveAsync(current, CancellationToken.None).ConfigureAwait(false);
                    progress?.Report(new ScoreProgress(ScoreStage.Upload, current.UnitsUploaded.Count, total));
                }
                finally
                {
                    gate.Release();
                }
            }).ConfigureAwait(false);
        return new UploadSummary(current, uploaded, alreadyPresent, bytes);
    }

    /// <summary>Submits the job and records it as queued.</summary>
    /// <param name="record">The job record (every unit uploaded).</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The updated record.</returns>
    public async Task<JobRecord> SubmitAsync(JobRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var answer = await _client.SubmitAsync(record.JobId, cancellationToken).ConfigureAwait(false);
        return await SaveStateAsync(record, answer.State).ConfigureAwait(false);
    }

    /// <summary>Waits for the job to end and records its state.</summary>
    /// <param name="record">The job record.</param>
    /// <param name="progress">Units scored, or null.</param>
    /// <param name="timeout">How long to wait at most, or null.</param>
    /// <param name="cancellationToken">Cancels waiting (the job keeps running).</param>
    /// <returns>The updated record and the final status.</returns>
    /// <exception cref="ScoringJobFailedException">The job failed or expired.</exception>
    /// <exception cref="ScoringTimeoutException">It did not end within <paramref name="timeout"/>.</exception>
    public async Task<(JobRecord Record, JobStatus Status)> WaitAsync(JobRecord record, IProgress<ScoreProgress>? progress = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var statuses = progress is null ? null : new SynchronousProgress<JobStatus>(s => progress.Report(new ScoreProgress(ScoreStage.Score, s.Progress.UnitsDone, s.Progress.Units)));
        var status = await _client.WaitForCompletionAsync(record.JobId, statuses, timeout, cancellationToken).ConfigureAwait(false);
        record = await SaveStateAsync(record, status.State).ConfigureAwait(false);
        return status.State == JobState.Succeeded ? (record, status) : throw new ScoringJobFailedException(record.JobId, status.State, status.Error?.Message);
    }

    /// <summary>Downloads the result units in parallel and decrypts them into predictions.</summary>
    /// <param name="record">The job record.</param>
    /// <param name="status">The job's succeeded status (with result links).</param>
    /// <param name="plan">The plan.</param>
    /// <param name="keys">The keys the job was encrypted with.</param>
    /// <param name="inputs">The inputs (names and labels).</param>
    /// <param name="progress">Units downloaded, or null.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The predictions, in input order.</returns>
    /// <exception cref="ResultFormatException">A result does not match the plan or the keys.</exception>
    public async Task<PredictionReport> DownloadAsync(JobRecord record, JobStatus status, ModelPlan plan, ClientKeySet keys, InputSet inputs,
        IProgress<ScoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(inputs);
        var links = status.Results ?? throw new ScoringJobFailedException(record.JobId, status.State, "the service gave no result links");
        if (links.Count != record.Units.Count || links.Any(l => l.Unit < 0 || l.Unit >= record.Units.Count))
        {
            throw new ResultFormatException(0, $"The service gave {links.Count} result links for {record.Units.Count} units of job {record.JobId}.");
        }

        var decoder = new PredictionDecoder(plan, keys);
        var perUnit = new IReadOnlyList<Prediction>[record.Units.Count];
        var done = 0;
        progress?.Report(new ScoreProgress(ScoreStage.Download, 0, perUnit.Length));
        await Parallel.ForEachAsync(links, new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (link, ct) =>
            {
                var bytes = await _client.DownloadAsync(link.Url, ct).ConfigureAwait(false);
                var range = record.Units[link.Unit];
                perUnit[link.Unit] = decoder.Decode(link.Unit, bytes, inputs, range.Start, range.Count);
                progress?.Report(new ScoreProgress(ScoreStage.Download, Interlocked.Increment(ref done), perUnit.Length));
            }).ConfigureAwait(false);
        return PredictionReport.Create(plan.ModelId, record.JobId, plan.ClassNames, [.. perUnit.SelectMany(p => p)]);
    }

    private static Func<int, CancellationToken, Task<byte[]>> EncryptingSource(UnitEncryptor encryptor, InputSet inputs, IReadOnlyList<UnitRange> units) =>
        (unit, ct) => Task.Run(() => encryptor.EncryptUnit(inputs, units[unit].Start, units[unit].Count), ct);

    private async Task<JobRecord> SaveStateAsync(JobRecord record, JobState state)
    {
        if (record.State == state)
        {
            return record;
        }

        var updated = record with { State = state };
        await _records.SaveAsync(updated, CancellationToken.None).ConfigureAwait(false);
        return updated;
    }
}
