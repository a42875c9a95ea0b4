using IcedServerless.Contracts;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Functions.Jobs;
using IcedServerless.Storage;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions.Api;

/// <summary>
/// <c>POST /api/jobs/{jobId}/uploads</c>: lets an interrupted client resume a job without re-uploading what landed.
/// One listing of the job's inputs tells which units exist; the missing ones get fresh create-only links (the
/// first links may have expired). A POST, not a GET, because each call mints new links.
/// </summary>
public sealed partial class JobUploadsApi(
    PipelineStorage storage, PipelineOptions options, JobRepository jobs, TimeProvider time, ILogger<JobUploadsApi> logger)
{
    /// <summary>Answers which units are present and links for the missing ones (or, once submitted, only the state).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>200 with a <see cref="JobUploadsResponse"/>.</returns>
    /// <exception cref="ApiException">Unknown job (404); job failed or expired (409).</exception>
    public async Task<ApiResult> RenewAsync(HttpTriggerRequest request, CancellationToken cancellationToken)
    {
        var manifest = await ApiRequests.JobAsync(jobs, request, cancellationToken).ConfigureAwait(false);
        var snapshot = await jobs.GetSnapshotAsync(manifest, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var state = snapshot.StateAt(now);
        ApiRequests.EnsureSubmittable(manifest.JobId, state);
        if (state != JobState.Created)
        {
            // Submitted: the inputs were all checked (and are deleted once the job succeeds); nothing to upload.
            return new ApiResult(200, new JobUploadsResponse(manifest.JobId, state, [], [], null));
        }

        var lengths = await JobInputs.ListAsync(storage.Blobs, options.InputsContainer, manifest, cancellationToken).ConfigureAwait(false);
        var present = lengths.Keys.Order().ToList();
        var missing = Enumerable.Range(0, manifest.Units).Where(u => !lengths.ContainsKey(u)).ToList();
        DateTimeOffset? expiresOn = missing.Count == 0 ? null : Min(now + options.UploadLinkLifetime, manifest.ExpiresOn);
        var uploads = expiresOn is { } until
            ? await JobInputs.LinksAsync(storage.Blobs, options.InputsContainer, manifest.JobId, missing, BlobSasPermissions.Create, until, cancellationToken)
                .ConfigureAwait(false)
            : [];
        LogRenewed(manifest.JobId, present.Count, missing.Count);
        return new ApiResult(200, new JobUploadsResponse(manifest.JobId, state, present, uploads, expiresOn));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewed uploads of job {JobId}: {Present} unit(s) present, {Missing} link(s) issued")]
    private partial void LogRenewed(string jobId, int present, int missing);
}
