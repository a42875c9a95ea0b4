using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IcedServerless.Contracts;

namespace IcedServerless.Client;

/// <summary>
/// Drives the scoring service's HTTP API as a hospital app does: register evaluation keys, create a job, upload
/// each encrypted unit by its link, submit, poll, and download the encrypted results by link. Bulk data only ever
/// travels over the links, never through the API. Thread-safe; reuse one per service.
/// </summary>
public sealed class ScoringClient
{
    private readonly HttpClient _http;
    private readonly Uri _api;
    private readonly string? _functionKey;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client (not disposed by this class).</param>
    /// <param name="serviceUri">The service's base URI, e.g. <c>https://iced.azurewebsites.net/</c>.</param>
    /// <param name="functionKey">The Functions key, sent as <c>x-functions-key</c>; <see langword="null"/> for none.</param>
    public ScoringClient(HttpClient http, Uri serviceUri, string? functionKey = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(serviceUri);
        _http = http;
        _api = new Uri(serviceUri, "api/");
        _functionKey = functionKey;
    }

    /// <summary>Lists the models and what to encrypt for each.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The models.</returns>
    /// <exception cref="ScoringApiException">The service refused.</exception>
    public Task<ModelList> ListModelsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ModelList>(HttpMethod.Get, new Uri(_api, "models"), null, cancellationToken);

    /// <summary>
    /// Registers evaluation keys for a model: declares the files, uploads those the service lacks, and declares them
    /// again to have them validated. Registering the same files again costs one call.
    /// </summary>
    /// <param name="modelId">The model.</param>
    /// <param name="relinKeys">SEAL RelinKeys bytes, if the model needs them (null or empty for none).</param>
    /// <param name="galoisKeys">SEAL GaloisKeys bytes, if the model needs them (null or empty for none).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The key set id to name in jobs.</returns>
    /// <exception cref="ScoringApiException">The service refused (unknown model, invalid keys, ...).</exception>
    public async Task<string> RegisterKeySetAsync(
        string modelId, ReadOnlyMemory<byte>? relinKeys, ReadOnlyMemory<byte>? galoisKeys, CancellationToken cancellationToken = default)
    {
        var request = new RegisterKeySetRequest(modelId, Describe(relinKeys), Describe(galoisKeys));
        var uri = new Uri(_api, "keysets");
        var answer = await SendAsync<KeySetResponse>(HttpMethod.Post, uri, request, cancellationToken).ConfigureAwait(false);
        if (answer.State == KeySetState.Registered)
        {
            return answer.KeySetId;
        }

        foreach (var upload in answer.Uploads)
        {
            var bytes = upload.Name == "relinKeys" ? relinKeys : galoisKeys;
            await UploadAsync(upload.Url, bytes is { IsEmpty: false } given ? given : throw new InvalidOperationException($"The service asked for '{upload.Name}', which was not given."), cancellationToken)
                .ConfigureAwait(false);
        }

        answer = await SendAsync<KeySetResponse>(HttpMethod.Post, uri, request, cancellationToken).ConfigureAwait(false);
        return answer.State == KeySetState.Registered
            ? answer.KeySetId
            : throw new ScoringApiException(202, null, "The service still lacks key files after they were uploaded.");
    }

    /// <summary>Creates a job and gets one upload link per unit.</summary>
    /// <param name="modelId">The model.</param>
    /// <param name="keySetId">A registered key set for it.</param>
    /// <param name="units">The number of input units.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job with its links.</returns>
    /// <exception cref="ScoringApiException">The service refused.</exception>
    public Task<CreateJobResponse> CreateJobAsync(string modelId, string keySetId, int units, CancellationToken cancellationToken = default) =>
        SendAsync<CreateJobResponse>(HttpMethod.Post, new Uri(_api, "jobs"), new CreateJobRequest(modelId, keySetId, units), cancellationToken);

    /// <summary>Uploads bytes to a create-only link (<c>If-None-Match: *</c>, as a block blob).</summary>
    /// <param name="link">The link.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>A task.</returns>
    /// <exception cref="ScoringApiException">The store refused (expired link: 403; already uploaded: 409).</exception>
    public async Task UploadAsync(Uri link, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        using var request = new HttpRequestMessage(HttpMethod.Put, link) { Content = new ReadOnlyMemoryContent(content) };
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new ScoringApiException((int)response.StatusCode, null, $"The upload was refused with {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }

    /// <summary>Submits a job whose units are all uploaded.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job's state after submission.</returns>
    /// <exception cref="ScoringApiException">Units missing or too large, or the job failed or expired.</exception>
    public Task<SubmitJobResponse> SubmitAsync(CreateJobResponse job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return SendAsync<SubmitJobResponse>(HttpMethod.Post, job.SubmitUrl, null, cancellationToken);
    }

    /// <summary>Reads a job's status.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ScoringApiException">Unknown job.</exception>
    public Task<JobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken = default) =>
        SendAsync<JobStatus>(HttpMethod.Get, new Uri(_api, $"jobs/{Uri.EscapeDataString(jobId)}"), null, cancellationToken);

    /// <summary>Polls until the job succeeded, failed or expired.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="pollInterval">The wait between polls.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The terminal status.</returns>
    public async Task<JobStatus> WaitForCompletionAsync(string jobId, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var status = await GetStatusAsync(jobId, cancellationToken).ConfigureAwait(false);
            if (status.State is JobState.Succeeded or JobState.Failed or JobState.Expired)
            {
                return status;
            }

            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Downloads the bytes behind a read link.</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ScoringApiException">The store refused.</exception>
    public async Task<byte[]> DownloadAsync(Uri link, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(link, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)
            : throw new ScoringApiException((int)response.StatusCode, null, $"The download was refused with {(int)response.StatusCode} {response.ReasonPhrase}.");
    }

    // A null byte[] converts to an empty, non-null ReadOnlyMemory; no key file is empty, so empty means "none".
    private static KeyBlobDescriptor? Describe(ReadOnlyMemory<byte>? file) =>
        file is { IsEmpty: false } bytes ? new KeyBlobDescriptor(Convert.ToHexStringLower(SHA256.HashData(bytes.Span)), bytes.Length) : null;

    private async Task<T> SendAsync<T>(HttpMethod method, Uri uri, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ContractJson.Options);
        }

        if (_functionKey is not null)
        {
            request.Headers.Add("x-functions-key", _functionKey);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = await TryReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            throw new ScoringApiException(
                (int)response.StatusCode, error, $"{method} {uri.AbsolutePath} answered {(int)response.StatusCode}: {error?.Message ?? response.ReasonPhrase}");
        }

        return await response.Content.ReadFromJsonAsync<T>(ContractJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new ScoringApiException((int)response.StatusCode, null, $"{method} {uri.AbsolutePath} answered an empty body.");
    }

    private static async Task<ApiError?> TryReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<ErrorResponse>(ContractJson.Options, cancellationToken).ConfigureAwait(false))?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
