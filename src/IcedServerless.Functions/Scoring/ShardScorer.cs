using System.Diagnostics;
using IcedServerless.Ckks;
using IcedServerless.Contracts;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Functions.Jobs;
using IcedServerless.Functions.Keys;
using IcedServerless.Inference;
using IcedServerless.Storage;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions.Scoring;

/// <summary>
/// The <c>ScoreShard</c> function: scores the units of one shard and records it done. Idempotent and crash-safe:
/// results are written create-only, the shard marker after them, the job's success marker after the last shard
/// marker; a redelivery skips finished work and finishes the rest with identical bytes (scoring is deterministic,
/// and a result once written is never replaced). Bad input fails the job with a clear error and acknowledges the
/// message; only storage or unexpected failures throw, so the host retries them and finally poisons the message.
/// </summary>
public sealed partial class ShardScorer(
    PipelineStorage storage,
    PipelineOptions options,
    JobRepository jobs,
    IModelCatalog catalog,
    KeySetCache keySets,
    ScoringGate gate,
    TimeProvider time,
    ILogger<ShardScorer> logger)
{
    /// <summary>Handles one delivery of a shard message.</summary>
    /// <param name="invocation">The message and its metadata.</param>
    /// <param name="cancellationToken">Cancels the work (the message is then redelivered).</param>
    /// <returns>Lines for the host's invocation log.</returns>
    public async Task<IReadOnlyList<string>> ScoreAsync(QueueTriggerInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (ShardMessage.TryParse(invocation.Body) is not { } message)
        {
            // Not ours: retrying cannot help, and no job can be told. Acknowledge and say so.
            LogForeignMessage(invocation.MessageId);
            return [$"Ignored message {invocation.MessageId}: not a shard message."];
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["JobId"] = message.JobId, ["Shard"] = message.Shard, ["DequeueCount"] = invocation.DequeueCount,
        });
        var manifest = await jobs.GetManifestAsync(message.JobId, cancellationToken).ConfigureAwait(false);
        if (manifest is null || message.Shard >= manifest.Shards)
        {
            LogUnknownShard(message.JobId, message.Shard);
            return [$"Ignored shard {message.Shard} of job {message.JobId}: no such job or shard."];
        }

        if (await jobs.IsShardDoneAsync(manifest.JobId, message.Shard, cancellationToken).ConfigureAwait(false))
        {
            // A redelivery after the marker: only the job-level finish may be missing.
            await FinishJobIfCompleteAsync(manifest, cancellationToken).ConfigureAwait(false);
            return [$"Shard {message.Shard} of job {manifest.JobId} was already done."];
        }

        if (await jobs.HasFailedAsync(manifest.JobId, cancellationToken).ConfigureAwait(false))
        {
            return [$"Skipped shard {message.Shard}: job {manifest.JobId} has failed."];
        }

        if (time.GetUtcNow() >= manifest.ExpiresOn)
        {
            LogExpired(manifest.JobId, message.Shard);
            return [$"Skipped shard {message.Shard}: job {manifest.JobId} expired."];
        }

        try
        {
            var timings = await ScoreUnitsAsync(manifest, message.Shard, invocation, cancellationToken).ConfigureAwait(false);
            await jobs.MarkShardDoneAsync(manifest.JobId, message.Shard, timings, cancellationToken).ConfigureAwait(false);
            LogShardScored(manifest.JobId, message.Shard, timings.Units, timings.QueueWaitMs, timings.DownloadMs, timings.ScoreMs, timings.UploadMs);
            await FinishJobIfCompleteAsync(manifest, cancellationToken).ConfigureAwait(false);
            return [$"Scored shard {message.Shard} of job {manifest.JobId}: {timings.Units} unit(s), score {timings.ScoreMs:0} ms."];
        }
        catch (JobFailureException e)
        {
            LogJobFailed(e, manifest.JobId, message.Shard, e.Code, e.Unit);
            await jobs.MarkShardFailedAsync(manifest.JobId, e.ToJobError(message.Shard), cancellationToken).ConfigureAwait(false);
            return [$"Job {manifest.JobId} failed at shard {message.Shard}: {e.Code}."];
        }
    }

    private async Task<ShardTimings> ScoreUnitsAsync(
        JobManifest manifest, int shard, QueueTriggerInvocation invocation, CancellationToken cancellationToken)
    {
        var model = catalog.Find(manifest.ModelId)
            ?? throw new JobFailureException(JobErrorCodes.UnknownModel, $"Model '{manifest.ModelId}' is not in this service's catalog.");
        EvaluationKeys keys;
        try
        {
            keys = await keySets.GetAsync(manifest.KeySetId, model, cancellationToken).ConfigureAwait(false);
        }
        catch (KeySetUnavailableException e)
        {
            throw new JobFailureException(JobErrorCodes.UnknownKeySet, e.Message, innerException: e);
        }

        var queueWait = invocation.InsertedOn is { } inserted ? Math.Max(0, (time.GetUtcNow() - inserted).TotalMilliseconds) : 0;
        var (first, count) = manifest.UnitsOf(shard).GetOffsetAndLength(manifest.Units);
        var stopwatch = new Stopwatch();
        double download = 0, score = 0, upload = 0;
        var scored = 0;

        // A redelivery skips the units an earlier delivery wrote. A first delivery has nothing to skip and saves the
        // checks: a duplicate message racing the original loses the create-only write harmlessly.
        var units = new List<int>();
        for (var unit = first; unit < first + count; unit++)
        {
            if (invocation.DequeueCount <= 1 || !await storage.Blobs.ExistsAsync(options.ResultsContainer, JobRepository.UnitBlob(manifest.JobId, unit), cancellationToken).ConfigureAwait(false))
            {
                units.Add(unit);
            }
        }

        // Three stages overlap: unit i+1 is fetched and parsed and unit i-1 serialized and written while unit i is
        // scored, so I/O waits behind the scoring that dominates. The times recorded are the waits left on the
        // critical path. At most one fetch and one write are in flight; a failed fetch surfaces in unit order.
        var next = units.Count > 0 ? FetchAsync(manifest, model, units[0], cancellationToken) : null;
        Task? writing = null;
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            stopwatch.Restart();
            var inputs = await next!.ConfigureAwait(false);
            download += stopwatch.Elapsed.TotalMilliseconds;
            next = i + 1 < units.Count ? FetchAsync(manifest, model, units[i + 1], cancellationToken) : null;

            stopwatch.Restart();
            var outputs = await gate.RunAsync(() => Evaluate(model, inputs, keys, unit, cancellationToken), cancellationToken).ConfigureAwait(false);
            score += stopwatch.Elapsed.TotalMilliseconds;

            stopwatch.Restart();
            if (writing is not null)
            {
                await writing.ConfigureAwait(false);
            }

            writing = Task.Run(() => WriteResultAsync(manifest.JobId, unit, UnitCodec.Write(outputs, options.ResultCompression), cancellationToken), cancellationToken);
            upload += stopwatch.Elapsed.TotalMilliseconds;
            scored++;
        }

        stopwatch.Restart();
        if (writing is not null)
        {
            await writing.ConfigureAwait(false);
        }

        upload += stopwatch.Elapsed.TotalMilliseconds;
        return new ShardTimings(scored, queueWait, download, score, upload, time.GetUtcNow());
    }

    private Task<IReadOnlyList<Ciphertext>> FetchAsync(JobManifest manifest, IEncryptedModel model, int unit, CancellationToken cancellationToken) =>
        Task.Run(
            async () => UnitCodec.Read(
                await DownloadAsync(manifest, unit, cancellationToken).ConfigureAwait(false), model, unit, gate.ContextOptions.MaxDegreeOfParallelism),
            cancellationToken);

    private async Task<ReadOnlyMemory<byte>> DownloadAsync(JobManifest manifest, int unit, CancellationToken cancellationToken)
    {
        var name = JobRepository.UnitBlob(manifest.JobId, unit);
        try
        {
            // The announced length is checked before any byte is read, and sizes the buffer exactly (a unit of a
            // throughput plan is hundreds of megabytes: no doubling copies). The download itself is capped too, in
            // case the blob changed in between.
            var length = (await storage.Blobs.GetPropertiesAsync(options.InputsContainer, name, cancellationToken).ConfigureAwait(false)).Length;
            if (length > manifest.MaxUnitBytes)
            {
                throw new BlobTooLargeException($"{options.InputsContainer}/{name}", length, manifest.MaxUnitBytes);
            }

            using var buffer = new MemoryStream((int)length);
            await storage.Blobs.DownloadToAsync(
                options.InputsContainer, name, buffer, new BlobDownloadOptions { MaxLength = manifest.MaxUnitBytes }, cancellationToken).ConfigureAwait(false);
            return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }
        catch (BlobTooLargeException e)
        {
            throw new JobFailureException(
                JobErrorCodes.InputTooLarge, $"Unit {unit} has {e.Length} bytes; a unit of this model has at most {e.MaxLength}. It was not downloaded.", unit);
        }
        catch (StorageNotFoundException)
        {
            throw new JobFailureException(JobErrorCodes.InputMissing, $"Unit {unit} is missing from the job's inputs.", unit);
        }
    }

    private static IReadOnlyList<Ciphertext> Evaluate(
        IEncryptedModel model, IReadOnlyList<Ciphertext> inputs, EvaluationKeys keys, int unit, CancellationToken cancellationToken)
    {
        try
        {
            return model.Evaluate(inputs, keys, cancellationToken);
        }
        catch (ArgumentException e)
        {
            // The model's contract: ArgumentException means the input (count, level, scale) does not fit the plan.
            throw new JobFailureException(JobErrorCodes.MismatchedCiphertext, $"Unit {unit} does not fit the model: {e.Message}", unit, e);
        }
    }

    private async Task WriteResultAsync(string jobId, int unit, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Blobs.UploadAsync(
                options.ResultsContainer, JobRepository.UnitBlob(jobId, unit), bytes, new BlobUploadOptions { CreateOnly = true },
                cancellationToken).ConfigureAwait(false);
        }
        catch (BlobAlreadyExistsException)
        {
            // A concurrent or earlier delivery wrote this unit; its bytes stand (they are the same computation).
        }
    }

    private async Task FinishJobIfCompleteAsync(JobManifest manifest, CancellationToken cancellationToken)
    {
        var snapshot = await jobs.GetSnapshotAsync(manifest, cancellationToken).ConfigureAwait(false);
        if (!snapshot.AllShardsDone || snapshot.Failure is not null)
        {
            return;
        }

        await jobs.MarkSucceededAsync(manifest.JobId, cancellationToken).ConfigureAwait(false);
        await jobs.DeleteInputsAsync(manifest, cancellationToken).ConfigureAwait(false);
        LogJobSucceeded(manifest.JobId, manifest.Units, manifest.Shards);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored queue message {MessageId}: it is not a shard message")]
    private partial void LogForeignMessage(string? messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored shard {Shard} of job {JobId}: no such job or shard")]
    private partial void LogUnknownShard(string jobId, int shard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped shard {Shard} of job {JobId}: the job expired")]
    private partial void LogExpired(string jobId, int shard);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Scored shard {Shard} of job {JobId}: {Units} unit(s); queue wait {QueueWaitMs:0} ms, download {DownloadMs:0.0} ms, score {ScoreMs:0.0} ms, upload {UploadMs:0.0} ms")]
    private partial void LogShardScored(string jobId, int shard, int units, double queueWaitMs, double downloadMs, double scoreMs, double uploadMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed at shard {Shard}: {Code} (unit {Unit})")]
    private partial void LogJobFailed(Exception exception, string jobId, int shard, string code, int? unit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} succeeded: {Units} unit(s) in {Shards} shard(s)")]
    private partial void LogJobSucceeded(string jobId, int units, int shards);
}
