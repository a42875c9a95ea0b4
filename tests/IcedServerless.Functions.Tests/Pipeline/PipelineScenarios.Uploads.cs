using System.Net;
using IcedServerless.Contracts;
using IcedServerless.Functions.Tests.Infrastructure;

namespace IcedServerless.Functions.Tests.Pipeline;

/// <summary>
/// Resuming uploads (<c>POST /api/jobs/{id}/uploads</c>) and the polling hint (<c>Retry-After</c>), on every backend.
/// </summary>
public abstract partial class PipelineScenarios
{
    private static readonly Dictionary<string, string?> s_noListener = new()
    {
        // Nothing scores, so a submitted job stays queued for as long as the test looks at it.
        ["Iced:Local:QueueListener"] = "false",
        ["Iced:Pipeline:StatusRetryAfter"] = "00:00:03",
    };

    [Fact]
    public async Task RenewUploads_AfterAPartialUpload_ListsPresentUnitsAndGivesWorkingLinksForTheMissingOnes()
    {
        await using var host = await StartAsync(settings: s_noListener);
        var keySetId = await host.Client.RegisterKeysAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);
        var job = await host.Client.CreateJobAsync(SlotwiseTestModel.Id, keySetId, units: 4);
        await host.Client.UploadAsync(job.Uploads[1].Url, [1, 2, 3]);
        await host.Client.UploadAsync(job.Uploads[3].Url, [4, 5]);

        var (status, renewed, _) = await RenewAsync(host, job.JobId);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JobState.Created, renewed!.State);
        Assert.Equal([1, 3], renewed.Present);
        Assert.Equal([0, 2], renewed.Uploads.Select(u => u.Unit));
        Assert.InRange(renewed.UploadsExpireOn!.Value, DateTimeOffset.UtcNow, job.ExpiresOn);
        foreach (var link in renewed.Uploads)
        {
            using var put = await host.Client.PutAsync(link.Url, [9]);
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        // Every unit landed: nothing left to upload, and the fresh links were create-only like the first ones.
        var (_, complete, _) = await RenewAsync(host, job.JobId);
        Assert.Equal([0, 1, 2, 3], complete!.Present);
        Assert.Empty(complete.Uploads);
        Assert.Null(complete.UploadsExpireOn);
        using (var again = await host.Client.PutAsync(renewed.Uploads[0].Url, [7]))
        {
            // The embedded store answers 409; Azure refuses a create-only (sp=c) SAS on an existing blob with 403.
            Assert.Contains(again.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.Forbidden });
        }

        // Submitted: the state, no listing and no links; the submit answer and the status ask for a 3 s poll interval.
        using (var submitted = await host.Client.SubmitAsync(job))
        {
            Assert.Equal((HttpStatusCode.Accepted, "3"), (submitted.StatusCode, RetryAfter(submitted)));
        }

        var (_, queued, _) = await RenewAsync(host, job.JobId);
        Assert.Equal(JobState.Queued, queued!.State);
        Assert.Empty(queued.Present);
        Assert.Empty(queued.Uploads);
        using var statusResponse = await host.Http.GetAsync(job.StatusUrl);
        Assert.Equal("3", RetryAfter(statusResponse));
    }

    [Fact]
    public async Task RenewUploads_FailedJobIsRefusedWith409_UnknownJobWith404_AndTerminalStatusHasNoRetryAfter()
    {
        await using var host = await StartAsync();

        // Garbage units pass submit (which checks presence and size only) and fail the job when scored.
        var (job, _) = await SubmitJobAsync(host, units: 1, _ => [1, 2, 3]);
        Assert.Equal(JobState.Failed, (await host.Client.WaitAsync(job.JobId)).State);

        var (failedStatus, _, failedError) = await RenewAsync(host, job.JobId);
        var (unknownStatus, _, unknownError) = await RenewAsync(host, new string('a', 32));
        var (malformedStatus, _, _) = await RenewAsync(host, "not-a-job");
        using var terminal = await host.Http.GetAsync(job.StatusUrl);

        Assert.Equal((HttpStatusCode.Conflict, ApiErrorCodes.JobNotSubmittable), (failedStatus, failedError!.Code));
        Assert.Equal((HttpStatusCode.NotFound, ApiErrorCodes.UnknownJob), (unknownStatus, unknownError!.Code));
        Assert.Equal(HttpStatusCode.NotFound, malformedStatus);
        Assert.Equal(HttpStatusCode.OK, terminal.StatusCode);
        Assert.Null(RetryAfter(terminal));
    }

    private protected static async Task<(HttpStatusCode Status, JobUploadsResponse? Body, ApiError? Error)> RenewAsync(ServiceHost host, string jobId)
    {
        using var response = await host.Http.PostAsync($"api/jobs/{jobId}/uploads", null);
        return response.IsSuccessStatusCode
            ? (response.StatusCode, await host.Client.ReadAsync<JobUploadsResponse>(response), null)
            : (response.StatusCode, null, (await host.Client.ReadAsync<ErrorResponse>(response)).Error);
    }

    private static string? RetryAfter(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Retry-After", out var values) ? string.Join(",", values) : null;
}
