using System.Net;
using System.Net.Http.Json;
using IcedServerless.Contracts;

namespace IcedServerless.Functions.Tests.Infrastructure;

/// <summary>The client side of the HTTP API, as a hospital app would drive it: JSON calls plus uploads/downloads by link.</summary>
internal sealed class PipelineClient(HttpClient http)
{
    public async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<T>(ContractJson.Options);
        return body ?? throw new InvalidOperationException("Empty body.");
    }

    public Task<HttpResponseMessage> PostAsync<T>(string path, T body) => http.PostAsJsonAsync(path, body, ContractJson.Options);

    /// <summary>Registers the key files: ask, upload what is missing, ask again.</summary>
    public async Task<string> RegisterKeysAsync(string modelId, byte[] relin, byte[] galois)
    {
        var request = new RegisterKeySetRequest(modelId, TestClientCrypto.Describe(relin), TestClientCrypto.Describe(galois));
        using var first = await PostAsync("api/keysets", request);
        var pending = await ReadAsync<KeySetResponse>(first);
        foreach (var upload in pending.Uploads)
        {
            await UploadAsync(upload.Url, upload.Name == "relinKeys" ? relin : galois);
        }

        using var second = await PostAsync("api/keysets", request);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var registered = await ReadAsync<KeySetResponse>(second);
        Assert.Equal(KeySetState.Registered, registered.State);
        return registered.KeySetId;
    }

    public async Task<CreateJobResponse> CreateJobAsync(string modelId, string keySetId, int units)
    {
        using var response = await PostAsync("api/jobs", new CreateJobRequest(modelId, keySetId, units));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadAsync<CreateJobResponse>(response);
    }

    /// <summary>PUT by link, create-only (what a create-only link demands), as a block blob (what Azure demands).</summary>
    public async Task UploadAsync(Uri link, byte[] bytes)
    {
        using var response = await PutAsync(link, bytes);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public Task<HttpResponseMessage> PutAsync(Uri link, byte[] bytes)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, link) { Content = new ByteArrayContent(bytes) };
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
        return http.SendAsync(request);
    }

    public Task<byte[]> DownloadAsync(Uri link) => http.GetByteArrayAsync(link);

    public async Task<HttpResponseMessage> SubmitAsync(CreateJobResponse job) => await http.PostAsync(job.SubmitUrl, null);

    public async Task<JobStatus> StatusAsync(string jobId)
    {
        using var response = await http.GetAsync($"api/jobs/{jobId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync<JobStatus>(response);
    }

    /// <summary>Polls until the job is terminal (succeeded, failed or expired).</summary>
    public async Task<JobStatus> WaitAsync(string jobId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var status = await StatusAsync(jobId);
            if (status.State is JobState.Succeeded or JobState.Failed or JobState.Expired)
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} is still {status.State} ({status.Progress.ShardsDone}/{status.Progress.Shards} shards).");
            }

            await Task.Delay(100);
        }
    }
}
