using System.Net.Http.Json;
using IcedServerless.Client;
using IcedServerless.Contracts;

namespace IcedServerless.Functions.Tests.Infrastructure;

/// <summary>
/// The tests' client: the real <see cref="ScoringClient"/> for the flow, plus raw HTTP for checking status codes
/// and headers the typed client hides.
/// </summary>
internal sealed class PipelineClient(HttpClient http)
{
    public ScoringClient Scoring { get; } = new(http, http.BaseAddress!);

    public async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(ContractJson.Options) ?? throw new InvalidOperationException("Empty body.");

    public Task<HttpResponseMessage> PostAsync<T>(string path, T body) => http.PostAsJsonAsync(path, body, ContractJson.Options);

    public Task<string> RegisterKeysAsync(string modelId, byte[] relin, byte[] galois) => Scoring.RegisterKeySetAsync(modelId, relin, galois);

    public Task<CreateJobResponse> CreateJobAsync(string modelId, string keySetId, int units) => Scoring.CreateJobAsync(modelId, keySetId, units);

    public Task UploadAsync(Uri link, byte[] bytes) => Scoring.UploadAsync(link, bytes);

    /// <summary>A create-only PUT whose answer the test inspects.</summary>
    public Task<HttpResponseMessage> PutAsync(Uri link, byte[] bytes)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, link) { Content = new ByteArrayContent(bytes) };
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
        return http.SendAsync(request);
    }

    public Task<byte[]> DownloadAsync(Uri link) => Scoring.DownloadAsync(link);

    /// <summary>The raw submit call, for its status and Location header.</summary>
    public Task<HttpResponseMessage> SubmitAsync(CreateJobResponse job) => http.PostAsync(job.SubmitUrl, null);

    public Task<JobStatus> StatusAsync(string jobId) => Scoring.GetStatusAsync(jobId);

    /// <summary>Polls until the job is terminal (succeeded, failed or expired), within a test-sized patience.</summary>
    public async Task<JobStatus> WaitAsync(string jobId)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            return await Scoring.WaitForCompletionAsync(jobId, TimeSpan.FromMilliseconds(100), patience.Token);
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            var status = await StatusAsync(jobId);
            throw new TimeoutException($"Job {jobId} is still {status.State} ({status.Progress.ShardsDone}/{status.Progress.Shards} shards).");
        }
    }
}
