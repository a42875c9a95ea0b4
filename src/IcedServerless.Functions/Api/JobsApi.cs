using IcedServerless.Contracts;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Functions.Jobs;
using IcedServerless.Functions.Keys;
using IcedServerless.Functions.Local;
using IcedServerless.Functions.Scoring;
using IcedServerless.Inference;
using IcedServerless.Storage;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions.Api;

/// <summary>
/// The job functions: create (upload links), submit (check inputs, fan out shard messages, 202) and status
/// (derived from the job's markers, with result links once it succeeded).
/// </summary>
public sealed partial class JobsApi(
    IModelCatalog catalog,
    PipelineStorage storage,
    PipelineOptions options,
    JobRepository jobs,
    KeySetRepository keySets,
    QueueWake wake,
    TimeProvider time,
    ILogger<JobsApi> logger)
{
    // Units listed in an error body at most: enough to act on, bounded for huge jobs.
    private const int MaxUnitsInError = 100;

    /// <summary><c>POST /api/jobs</c>: creates a job and returns one create-only upload link per unit.</summary>
    /// <param name="request">The request with a <see cref="CreateJobRequest"/> body.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>201 with a <see cref="CreateJobResponse"/>.</returns>
    /// <exception cref="ApiException">Bad unit count (400), unknown model (404) or key set (404).</exception>
    public async Task<ApiResult> CreateAsync(HttpTriggerRequest request, CancellationToken cancellationToken)
    {
        var body = ApiRequests.ReadBody<CreateJobRequest>(request);
        if (body.Units < 1 || body.Units > options.MaxUnitsPerJob)
        {
            throw ApiException.BadRequest($"units must be 1 to {options.MaxUnitsPerJob}; got {body.Units}.");
        }

        var model = ApiRequests.Model(catalog, body.ModelId);
        if (!KeySetManifest.IsDigest(body.KeySetId)
            || await keySets.GetManifestAsync(body.KeySetId, cancellationToken).ConfigureAwait(false) is not { } keySet
            || keySet.ModelId != model.Plan.ModelId)
        {
            throw new ApiException(404, ApiErrorCodes.UnknownKeySet, $"Key set '{body.KeySetId}' is not registered for model '{model.Plan.ModelId}'.");
        }

        var now = time.GetUtcNow();
        var manifest = new JobManifest(
            JobIds.New(), model.Plan.ModelId, body.KeySetId, body.Units, options.UnitsPerShard, UnitCodec.MaxUnitBytes(model), now,
            now + options.JobLifetime);
        await jobs.CreateAsync(manifest, cancellationToken).ConfigureAwait(false);

        var uploadsExpireOn = Min(now + options.UploadLinkLifetime, manifest.ExpiresOn);
        var uploads = await JobInputs.LinksAsync(
            storage.Blobs, options.InputsContainer, manifest.JobId, Enumerable.Range(0, manifest.Units), BlobSasPermissions.Create, uploadsExpireOn, cancellationToken)
            .ConfigureAwait(false);
        var statusUrl = ApiRequests.Link(request, $"jobs/{manifest.JobId}");
        LogCreated(manifest.JobId, manifest.ModelId, manifest.Units, manifest.Shards);
        return new ApiResult(
            201,
            new CreateJobResponse(
                manifest.JobId, manifest.ModelId, manifest.KeySetId, manifest.Units, manifest.Shards, manifest.ExpiresOn, uploadsExpireOn, uploads,
                ApiRequests.Link(request, $"jobs/{manifest.JobId}/submit"), statusUrl),
            new Dictionary<string, string> { ["Location"] = statusUrl.AbsoluteUri });
    }

    /// <summary>
    /// <c>POST /api/jobs/{jobId}/submit</c>: checks every input is uploaded and not oversized, enqueues one message per
    /// shard, then writes the submit marker. Idempotent: a repeated call after the marker enqueues nothing; a
    /// repeat after a crash before it enqueues again, which the scorer tolerates.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>202 with a <see cref="SubmitJobResponse"/>, <c>Location</c> and (unless already terminal) <c>Retry-After</c>.</returns>
    /// <exception cref="ApiException">Unknown job (404), inputs missing (400) or too large (413), job failed or expired (409).</exception>
    public async Task<ApiResult> SubmitAsync(HttpTriggerRequest request, CancellationToken cancellationToken)
    {
        var manifest = await ApiRequests.JobAsync(jobs, request, cancellationToken).ConfigureAwait(false);
        var snapshot = await jobs.GetSnapshotAsync(manifest, cancellationToken).ConfigureAwait(false);
        var state = snapshot.StateAt(time.GetUtcNow());
        ApiRequests.EnsureSubmittable(manifest.JobId, state);

        if (state == JobState.Created)
        {
            await CheckInputsAsync(manifest, cancellationToken).ConfigureAwait(false);
            var ttl = manifest.ExpiresOn - time.GetUtcNow();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, manifest.Shards),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (shard, ct) => await storage.Queues.SendMessageAsync(
                    FunctionNames.ShardQueue, new ShardMessage(manifest.JobId, shard).ToBytes(), new QueueSendOptions { TimeToLive = ttl }, ct)
                    .ConfigureAwait(false)).ConfigureAwait(false);
            wake.Notify(FunctionNames.ShardQueue);
            await jobs.MarkSubmittedAsync(manifest.JobId, cancellationToken).ConfigureAwait(false);
            LogSubmitted(manifest.JobId, manifest.Shards);
            state = JobState.Queued;
        }

        var statusUrl = ApiRequests.Link(request, $"jobs/{manifest.JobId}");
        return new ApiResult(
            202, new SubmitJobResponse(manifest.JobId, state, statusUrl), ApiRequests.JobHeaders(statusUrl, state, options.StatusRetryAfter));
    }

    /// <summary><c>GET /api/jobs/{jobId}</c>: the job's state, progress, error, timings and (once succeeded) result links.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>200 with a <see cref="JobStatus"/>, and <c>Retry-After</c> while the job is not terminal.</returns>
    /// <exception cref="ApiException">Unknown job (404).</exception>
    public async Task<ApiResult> StatusAsync(HttpTriggerRequest request, CancellationToken cancellationToken)
    {
        var manifest = await ApiRequests.JobAsync(jobs, request, cancellationToken).ConfigureAwait(false);
        var snapshot = await jobs.GetSnapshotAsync(manifest, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var state = snapshot.StateAt(now);
        var error = state switch
        {
            JobState.Failed => snapshot.Failure,
            JobState.Expired => new JobError(JobErrorCodes.JobExpired, $"Job {manifest.JobId} expired at {manifest.ExpiresOn:O} before every shard finished."),
            _ => null,
        };
        IReadOnlyList<UnitLink>? results = null;
        DateTimeOffset? resultsExpireOn = null;
        if (state == JobState.Succeeded)
        {
            resultsExpireOn = now + options.ResultLinkLifetime;
            results = await JobInputs.LinksAsync(
                storage.Blobs, options.ResultsContainer, manifest.JobId, Enumerable.Range(0, manifest.Units), BlobSasPermissions.Read, resultsExpireOn.Value,
                cancellationToken).ConfigureAwait(false);
        }

        return new ApiResult(200, new JobStatus(
            manifest.JobId, manifest.ModelId, state,
            new JobProgress(manifest.Shards, snapshot.Done.Count, manifest.Units, snapshot.UnitsDone),
            error, manifest.CreatedOn, manifest.ExpiresOn, state == JobState.Succeeded ? snapshot.CompletedOn : null, snapshot.Timings, results, resultsExpireOn),
            ApiRequests.JobHeaders(null, state, options.StatusRetryAfter));
    }

    /// <summary>Lists the job's inputs (one listing, no download) and refuses missing or oversized units.</summary>
    private async Task CheckInputsAsync(JobManifest manifest, CancellationToken cancellationToken)
    {
        var lengths = await JobInputs.ListAsync(storage.Blobs, options.InputsContainer, manifest, cancellationToken).ConfigureAwait(false);

        var missing = Enumerable.Range(0, manifest.Units).Where(u => !lengths.ContainsKey(u)).ToList();
        if (missing.Count > 0)
        {
            throw new ApiException(
                400, ApiErrorCodes.InputsMissing, $"{missing.Count} of {manifest.Units} unit(s) are not uploaded; upload them, then submit again.",
                missing.Take(MaxUnitsInError).ToList());
        }

        var oversized = lengths.Where(p => p.Value > manifest.MaxUnitBytes).Select(p => p.Key).Order().ToList();
        if (oversized.Count > 0)
        {
            throw new ApiException(
                413, ApiErrorCodes.InputTooLarge, $"{oversized.Count} unit(s) exceed the {manifest.MaxUnitBytes} bytes a unit of this model can have.",
                oversized.Take(MaxUnitsInError).ToList());
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created job {JobId} for model {ModelId}: {Units} unit(s) in {Shards} shard(s)")]
    private partial void LogCreated(string jobId, string modelId, int units, int shards);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submitted job {JobId}: enqueued {Shards} shard message(s)")]
    private partial void LogSubmitted(string jobId, int shards);
}
