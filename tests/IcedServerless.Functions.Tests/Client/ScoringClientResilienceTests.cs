using IcedServerless.Client;
using IcedServerless.Contracts;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.Jobs;
using IcedServerless.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IcedServerless.Functions.Tests.Client;

/// <summary>
/// The client's retries, outcomes and typed failures against the real service on the embedded store, through a
/// real Kestrel proxy that refuses, drops or loses answers (no mocked HttpClient).
/// </summary>
public sealed class ScoringClientResilienceTests : IDisposable
{
    private static readonly ScoringClientOptions s_fast = new() { RetryDelay = TimeSpan.FromMilliseconds(20), MaxRetries = 3 };
    private readonly TempDirectory _root = new();
    private readonly HttpClient _http = new();

    private static TestClientCrypto Crypto => TestClientCrypto.Shared;

    public void Dispose()
    {
        _http.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task IdempotentCalls_RetryBusyAnswersHonouringRetryAfter_AndDroppedConnections()
    {
        await using var host = await StartAsync();
        await using var proxy = await FaultyProxy.StartAsync(host.BaseUri, (request, n) => (request, n) switch
        {
            ("GET /api/models", <= 2) => Fault.Busy,
            ("POST /api/keysets", 1) => Fault.DropBefore,
            _ => Fault.None,
        });
        var client = new ScoringClient(_http, proxy.BaseUri, s_fast);

        var models = await client.ListModelsAsync();
        var keySetId = await client.RegisterKeySetAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);

        Assert.Equal([SlotwiseTestModel.Id], models.Models.Select(m => m.ModelId));
        Assert.Equal(3, proxy.Count("GET /api/models"));
        Assert.Equal(64, keySetId.Length);

        // The back-off alone is 20-80 ms; the gaps follow the 1 s the service asked for.
        var times = proxy.Seen.Where(s => s.Request == "GET /api/models").Select(s => s.At).ToArray();
        Assert.All(times.Zip(times.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"gap {gap}"));
    }

    [Fact]
    public async Task Upload_WhoseAnswerWasLost_IsReportedAlreadyPresent_AndResumeListsIt()
    {
        await using var host = await StartAsync(listener: false);
        await using var proxy = await FaultyProxy.StartAsync(host.BaseUri, (request, n) =>
            request.StartsWith("PUT ", StringComparison.Ordinal) && request.EndsWith("000000.bin", StringComparison.Ordinal) && n == 1 ? Fault.DropAfter : Fault.None);
        var client = new ScoringClient(_http, proxy.BaseUri, s_fast);
        var keySetId = await client.RegisterKeySetAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);
        var job = await client.CreateJobAsync(SlotwiseTestModel.Id, keySetId, units: 3);
        var unit0 = Crypto.EncryptUnit(Crypto.Inputs(0));

        var lost = await client.UploadAsync(proxy.Via(job.Uploads[0].Url), unit0);
        var fresh = await client.UploadAsync(proxy.Via(job.Uploads[1].Url), new byte[] { 5, 6 });
        var renewed = await client.RenewUploadsAsync(job.JobId);

        Assert.Equal((UploadOutcome.AlreadyPresent, UploadOutcome.Uploaded), (lost, fresh));
        Assert.Equal(2, proxy.Count($"PUT {job.Uploads[0].Url.AbsolutePath}"));
        Assert.Equal(unit0, await ReadInputAsync(host, job.JobId, 0)); // the first attempt's bytes, written once
        Assert.Equal([0, 1], renewed.Present);
        Assert.Equal(2, Assert.Single(renewed.Uploads).Unit);
        Assert.Equal(UploadOutcome.Uploaded, await client.UploadAsync(renewed.Uploads[0].Url, new byte[] { 7 }));
        Assert.Equal(JobState.Queued, (await client.SubmitAsync(job.JobId)).State);
    }

    [Fact]
    public async Task CreateJob_IsNotRetriedOnceTheRequestMayHaveArrived()
    {
        await using var host = await StartAsync();
        await using var proxy = await FaultyProxy.StartAsync(host.BaseUri, (request, n) => request switch
        {
            "POST /api/jobs" when n == 1 => Fault.DropAfter,
            "POST /api/jobs" => Fault.Busy,
            _ => Fault.None,
        });
        var client = new ScoringClient(_http, proxy.BaseUri, s_fast);
        var keySetId = await client.RegisterKeySetAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);

        var lost = await Assert.ThrowsAsync<ScoringServiceUnavailableException>(() => client.CreateJobAsync(SlotwiseTestModel.Id, keySetId, 1));
        var busy = await Assert.ThrowsAsync<ScoringApiException>(() => client.CreateJobAsync(SlotwiseTestModel.Id, keySetId, 1));

        Assert.Equal(1, lost.Attempts);
        Assert.Equal(503, busy.Status);
        Assert.Equal(2, proxy.Count("POST /api/jobs")); // one each: neither was sent twice
    }

    [Fact]
    public async Task UnreachableEndpoint_ThrowsServiceUnavailableNamingItAndWhatToCheck_AfterEveryAttempt()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPorts.Unused()}/");
        var client = new ScoringClient(_http, closed, s_fast);

        var models = await Assert.ThrowsAsync<ScoringServiceUnavailableException>(() => client.ListModelsAsync());
        var create = await Assert.ThrowsAsync<ScoringServiceUnavailableException>(() => client.CreateJobAsync("m", new string('a', 64), 1));

        // Connection refused means nothing was sent, so even job creation is retried.
        Assert.Equal((4, 4), (models.Attempts, create.Attempts));
        Assert.Equal(new Uri(closed, "api/models"), models.Endpoint);
        Assert.Contains(closed.Authority, models.Message, StringComparison.Ordinal);
        Assert.Contains("iced serve", models.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_SayWhatToDo_ForAMissingFunctionKeyAndAnUnknownJob()
    {
        var settings = ServiceHost.Embedded(_root.Path);
        settings["Iced:Local:FunctionKey"] = "k3y";
        await using var host = await ServiceHost.StartAsync(Crypto.Model, settings);

        var noKey = await Assert.ThrowsAsync<ScoringApiException>(() => new ScoringClient(_http, host.BaseUri, s_fast).ListModelsAsync());
        var keyed = new ScoringClient(_http, host.BaseUri, s_fast with { FunctionKey = "k3y" });
        var unknown = await Assert.ThrowsAsync<ScoringApiException>(() => keyed.GetStatusAsync(new string('c', 32)));

        Assert.Equal(401, noKey.Status);
        Assert.Contains("ICED_FUNCTION_KEY", noKey.Message, StringComparison.Ordinal);
        Assert.Equal((404, ApiErrorCodes.UnknownJob), (unknown.Status, unknown.Error!.Code));
        Assert.Contains("job id", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_PastItsTimeout_ThrowsTypedTimeoutWithTheLastStatus_PollingNoFasterThanRetryAfter()
    {
        await using var host = await StartAsync(listener: false);
        var client = new ScoringClient(host.Http, host.BaseUri, s_fast with { MinPollInterval = TimeSpan.FromMilliseconds(20) });
        var keySetId = await client.RegisterKeySetAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);
        var job = await client.CreateJobAsync(SlotwiseTestModel.Id, keySetId, 1);
        await client.UploadAsync(job.Uploads[0].Url, new byte[] { 1 });
        await client.SubmitAsync(job);
        var seen = new List<JobStatus>();

        var timeout = await Assert.ThrowsAsync<ScoringTimeoutException>(
            () => client.WaitForCompletionAsync(job.JobId, new SynchronousProgress<JobStatus>(seen.Add), TimeSpan.FromSeconds(2.5)));

        Assert.Equal(job.JobId, timeout.JobId);
        Assert.Equal(JobState.Queued, timeout.LastStatus!.State);
        Assert.Contains($"iced wait {job.JobId}", timeout.Message, StringComparison.Ordinal);

        // The service asks for 1 s between polls; at 20 ms doubling, ignoring it would poll 7 times in 2.5 s.
        Assert.InRange(seen.Count, 1, 3);
        Assert.All(seen, s => Assert.Equal(JobState.Queued, s.State));
    }

    private async Task<ServiceHost> StartAsync(bool listener = true)
    {
        var settings = ServiceHost.Embedded(_root.Path);
        settings["Iced:Local:QueueListener"] = listener ? "true" : "false";
        settings["Iced:Pipeline:StatusRetryAfter"] = "00:00:01";
        return await ServiceHost.StartAsync(Crypto.Model, settings);
    }

    private static async Task<byte[]> ReadInputAsync(ServiceHost host, string jobId, int unit)
    {
        using var buffer = new MemoryStream();
        await host.App.Services.GetRequiredService<PipelineStorage>().Blobs.DownloadToAsync(new PipelineOptions().InputsContainer, JobRepository.UnitBlob(jobId, unit), buffer);
        return buffer.ToArray();
    }
}
