using System.Collections.Concurrent;
using System.Globalization;
using IcedServerless.Contracts;
using IcedServerless.Functions.Configuration;
using IcedServerless.Storage;

namespace IcedServerless.Functions.Jobs;

/// <summary>
/// The blobs of jobs. Layout, in the jobs container: <c>{job}/job.json</c> (manifest), <c>{job}/submitted</c>,
/// <c>{job}/shards/{shard:D6}.done</c> (timings in metadata), <c>{job}/shards/{shard:D6}.failed</c> (the error in
/// metadata and body) and <c>{job}/succeeded</c>. Inputs are <c>{job}/{unit:D6}.bin</c> in the inputs container,
/// results the same names in the results container. Every marker is written create-only, after the data it
/// vouches for, so a marker never exists without its data and a redelivery can always finish what a crash left.
/// </summary>
public sealed class JobRepository(PipelineStorage storage, PipelineOptions options)
{
    private const string ManifestName = "job.json";
    private const string SubmittedName = "submitted";
    private const string SucceededName = "succeeded";
    private const string FailedName = "failed";
    private const string ShardsFolder = "shards/";
    private const string DoneSuffix = ".done";
    private const string FailedSuffix = ".failed";
    private const int MaxMetadataMessage = 1024;

    // Manifests never change once written, so a small in-memory copy saves a read per shard message and status poll.
    private const int ManifestCacheCapacity = 256;
    private readonly ConcurrentDictionary<string, JobManifest> _manifests = new(StringComparer.Ordinal);

    private IBlobStore Blobs => storage.Blobs;

    /// <summary>The blob name of a unit, the same in the inputs and results containers.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="unit">The unit.</param>
    /// <returns>The blob name.</returns>
    public static string UnitBlob(string jobId, int unit) => $"{jobId}/{unit.ToString("D6", CultureInfo.InvariantCulture)}.bin";

    /// <summary>Writes a new job's manifest.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">A job with that id exists (ids are random: never in practice).</exception>
    public async Task CreateAsync(JobManifest manifest, CancellationToken cancellationToken)
    {
        if (!await BlobJson.CreateAsync(Blobs, options.JobsContainer, Name(manifest.JobId, ManifestName), manifest, null, cancellationToken)
                .ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Job {manifest.JobId} already exists.");
        }
    }

    /// <summary>Reads a job's manifest.</summary>
    /// <param name="jobId">The job (validated shape).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The manifest, or <see langword="null"/> when no such job exists.</returns>
    public async Task<JobManifest?> GetManifestAsync(string jobId, CancellationToken cancellationToken)
    {
        if (_manifests.TryGetValue(jobId, out var cached))
        {
            return cached;
        }

        var manifest = await BlobJson.ReadAsync<JobManifest>(Blobs, options.JobsContainer, Name(jobId, ManifestName), cancellationToken)
            .ConfigureAwait(false);
        if (manifest is not null)
        {
            if (_manifests.Count >= ManifestCacheCapacity)
            {
                _manifests.Clear();
            }

            _manifests[jobId] = manifest;
        }

        return manifest;
    }

    /// <summary>Reads a job's markers with one listing.</summary>
    /// <param name="manifest">The job.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The snapshot.</returns>
    public async Task<JobSnapshot> GetSnapshotAsync(JobManifest manifest, CancellationToken cancellationToken)
    {
        var prefix = manifest.JobId + "/";
        var done = new Dictionary<int, ShardTimings>();
        JobError? failure = null;
        var submitted = false;
        var succeeded = false;
        string? token = null;
        do
        {
            var page = await Blobs.ListBlobsAsync(options.JobsContainer, prefix, token, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var blob in page.Items)
            {
                var name = blob.Name[prefix.Length..];
                submitted |= name == SubmittedName;
                succeeded |= name == SucceededName;
                if (TryShard(name, DoneSuffix, manifest.Shards, out var shard))
                {
                    done[shard] = ShardTimings.FromMetadata(blob.Metadata);
                }
                else if (TryShard(name, FailedSuffix, manifest.Shards, out shard) && (failure?.Shard ?? int.MaxValue) > shard)
                {
                    failure = FailureFrom(shard, blob.Metadata);
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return new JobSnapshot(manifest, submitted, done, failure, succeeded);
    }

    /// <summary>Whether one shard's completion marker exists.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="shard">The shard.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the shard finished.</returns>
    public Task<bool> IsShardDoneAsync(string jobId, int shard, CancellationToken cancellationToken) =>
        Blobs.ExistsAsync(options.JobsContainer, ShardName(jobId, shard, DoneSuffix), cancellationToken);

    /// <summary>Marks the job submitted (idempotent).</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public Task MarkSubmittedAsync(string jobId, CancellationToken cancellationToken) =>
        Marker(Name(jobId, SubmittedName), new Dictionary<string, string>(), cancellationToken);

    /// <summary>Marks a shard finished, after all its results are written (idempotent: a second marker is not written).</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="shard">The shard.</param>
    /// <param name="timings">Its stage times.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public Task MarkShardDoneAsync(string jobId, int shard, ShardTimings timings, CancellationToken cancellationToken) =>
        Marker(ShardName(jobId, shard, DoneSuffix), timings.ToMetadata(), cancellationToken);

    /// <summary>Whether the job has failed (its job-level failure flag exists): one cheap check before scoring.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when some shard failed.</returns>
    public Task<bool> HasFailedAsync(string jobId, CancellationToken cancellationToken) =>
        Blobs.ExistsAsync(options.JobsContainer, Name(jobId, FailedName), cancellationToken);

    /// <summary>
    /// Marks a shard failed, which fails the job (idempotent: the first failure recorded stays), then raises the
    /// job-level flag that tells other shards to stop early. The shard marker carries the error and comes first,
    /// so the flag never exists without a reason.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="error">Why; its <see cref="JobError.Shard"/> names the shard.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public async Task MarkShardFailedAsync(string jobId, JobError error, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string> { ["code"] = error.Code, ["message"] = MetadataText(error.Message) };
        if (error.Unit is { } unit)
        {
            metadata["unit"] = unit.ToString(CultureInfo.InvariantCulture);
        }

        await Marker(ShardName(jobId, error.Shard ?? 0, FailedSuffix), metadata, cancellationToken).ConfigureAwait(false);
        await Marker(Name(jobId, FailedName), new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a succeeded job's inputs (idempotent; inputs are kept until success or expiry).</summary>
    /// <param name="manifest">The job.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public Task DeleteInputsAsync(JobManifest manifest, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, manifest.Units),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (unit, ct) => await Blobs.DeleteIfExistsAsync(options.InputsContainer, UnitBlob(manifest.JobId, unit), ct).ConfigureAwait(false));

    /// <summary>Marks the job succeeded (idempotent).</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public Task MarkSucceededAsync(string jobId, CancellationToken cancellationToken) =>
        Marker(Name(jobId, SucceededName), new Dictionary<string, string>(), cancellationToken);

    private async Task Marker(string name, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        try
        {
            await Blobs.UploadAsync(
                options.JobsContainer, name, ReadOnlyMemory<byte>.Empty,
                new BlobUploadOptions { CreateOnly = true, Metadata = metadata }, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobAlreadyExistsException)
        {
            // Written by an earlier delivery or a concurrent one: markers are facts, the first one stands.
        }
    }

    private static JobError FailureFrom(int shard, IReadOnlyDictionary<string, string> metadata) => new(
        metadata.GetValueOrDefault("code", "Unknown"),
        metadata.GetValueOrDefault("message", "The shard failed."),
        shard,
        metadata.TryGetValue("unit", out var u) && int.TryParse(u, NumberStyles.None, CultureInfo.InvariantCulture, out var unit) ? unit : null);

    private static bool TryShard(string name, string suffix, int shards, out int shard)
    {
        shard = -1;
        return name.StartsWith(ShardsFolder, StringComparison.Ordinal)
            && name.EndsWith(suffix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(ShardsFolder.Length, name.Length - ShardsFolder.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out shard)
            && shard < shards;
    }

    /// <summary>Metadata values must be printable ASCII without outer spaces; error messages are made so.</summary>
    private static string MetadataText(string text)
    {
        var chars = text.Select(c => c is >= ' ' and <= '~' ? c : '?').Take(MaxMetadataMessage).ToArray();
        var trimmed = new string(chars).Trim();
        return trimmed.Length == 0 ? "-" : trimmed;
    }

    private static string Name(string jobId, string leaf) => $"{jobId}/{leaf}";

    private static string ShardName(string jobId, int shard, string suffix) =>
        $"{jobId}/{ShardsFolder}{shard.ToString("D6", CultureInfo.InvariantCulture)}{suffix}";
}
