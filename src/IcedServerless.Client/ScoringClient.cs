using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IcedServerless.Contracts;
using IcedServerless.Http;

namespace IcedServerless.Client;

/// <summary>
/// Drives the scoring service's HTTP API as a hospital app does: register evaluation keys, create a job, upload
/// each encrypted unit by its link, submit, poll, and download the encrypted results by link. Bulk data only ever
/// travels over the links, never through the API. Transient failures are retried where a retry is safe (see
/// <see cref="ScoringClientOptions"/>). Thread-safe; reuse one per service.
/// </summary>
public sealed partial class ScoringClient
{
    private readonly Uri _api;
    private readonly ScoringClientOptions _options;
    private readonly ScoringTransport _transport;

    /// <summary>Creates the client with default retry and polling settings.</summary>
    /// <param name="http">The HTTP client (not disposed by this class).</param>
    /// <param name="serviceUri">The service's base URI, e.g. <c>https://iced.azurewebsites.net/</c>.</param>
    /// <param name="functionKey">The Functions key, sent as <c>x-functions-key</c>; <see langword="null"/> for none.</param>
    public ScoringClient(HttpClient http, Uri serviceUri, string? functionKey = null)
        : this(http, serviceUri, new ScoringClientOptions { FunctionKey = functionKey })
    {
    }

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client (not disposed by this class).</param>
    /// <param name="serviceUri">The service's base URI, e.g. <c>https://iced.azurewebsites.net/</c>.</param>
    /// <param name="options">Function key, retries, timeouts and polling.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ScoringClient(HttpClient http, Uri serviceUri, ScoringClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(serviceUri);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _api = new Uri(serviceUri, "api/");
        _options = options;
        _transport = new ScoringTransport(http, options);
    }

    /// <summary>Lists the models and what to encrypt for each.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The models.</returns>
    /// <exception cref="ScoringApiException">The service refused.</exception>
    /// <exception cref="ScoringServiceUnavailableException">The service could not be reached.</exception>
    public Task<ModelList> ListModelsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ModelList>(HttpMethod.Get, new Uri(_api, "models"), null, idempotent: true, cancellationToken);

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
    /// <exception cref="ScoringServiceUnavailableException">The service could not be reached.</exception>
    public async Task<string> RegisterKeySetAsync(
        string modelId, ReadOnlyMemory<byte>? relinKeys, ReadOnlyMemory<byte>? galoisKeys, CancellationToken cancellationToken = default)
    {
        // Content-addressed: declaring the same files twice is harmless, so the call is retried like a read.
        var request = new RegisterKeySetRequest(modelId, Describe(relinKeys), Describe(galoisKeys));
        var uri = new Uri(_api, "keysets");
        var answer = await SendAsync<KeySetResponse>(HttpMethod.Post, uri, request, idempotent: true, cancellationToken).ConfigureAwait(false);
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

        answer = await SendAsync<KeySetResponse>(HttpMethod.Post, uri, request, idempotent: true, cancellationToken).ConfigureAwait(false);
        return answer.State == KeySetState.Registered
            ? answer.KeySetId
            : throw new ScoringApiException(202, null, "The service still lacks key files after they were uploaded.");
    }

    /// <summary>
    /// Creates a job and gets one upload link per unit. Not idempotent (each call makes a job), so it is retried
    /// only when the connection was refused, i.e. the request provably never reached the service.
    /// </summary>
    /// <param name="modelId">The model.</param>
    /// <param name="keySetId">A registered key set for it.</param>
    /// <param name="units">The number of input units.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job with its links.</returns>
    /// <exception cref="ScoringApiException">The service refused.</exception>
    /// <exception cref="ScoringServiceUnavailableException">The service could not be reached.</exception>
    public Task<CreateJobResponse> CreateJobAsync(string modelId, string keySetId, int units, CancellationToken cancellationToken = default) =>
        SendAsync<CreateJobResponse>(HttpMethod.Post, new Uri(_api, "jobs"), new CreateJobRequest(modelId, keySetId, units), idempotent: false, cancellationToken);

    /// <summary>
    /// For resuming an interrupted upload: which units of a created job already landed, and fresh create-only links
    /// for the missing ones; for a submitted job only its state.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The present units and the links.</returns>
    /// <exception cref="ScoringApiException">Unknown job (404), or the job failed or expired (409).</exception>
    /// <exception cref="ScoringServiceUnavailableException">The service could not be reached.</exception>
    public Task<JobUploadsResponse> RenewUploadsAsync(string jobId, CancellationToken cancellationToken = default) =>
        SendAsync<JobUploadsResponse>(HttpMethod.Post, JobUri(jobId, "/uploads"), null, idempotent: true, cancellationToken);

    /// <summary>Submits a job whose units are all uploaded (idempotent: a repeat enqueues nothing).</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job's state after submission.</returns>
    /// <exception cref="ScoringApiException">Units missing or too large, or the job failed or expired.</exception>
    /// <exception cref="ScoringServiceUnavailableException">The service could not be reached.</exception>
    public Task<SubmitJobResponse> SubmitAsync(CreateJobResponse job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return SendAsync<SubmitJobResponse>(HttpMethod.Post, job.SubmitUrl, null, idempotent: true, cancellationToken);
    }

    /// <summary>Submits a job by id (for a resumed job whose create answer is gone).</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job's state after submission.</returns>
    /// <exception cref="ScoringApiException">Units missing or too large, unknown job, or the job failed or expired.</exception>
    /// <exception cref="ScoringServiceUnavailableException">The service could not be reached.</exception>
    public Task<SubmitJobResponse> SubmitAsync(string jobId, CancellationToken cancellationToken = default) =>
        SendAsync<SubmitJobResponse>(HttpMethod.Post, JobUri(jobId, "/submit"), null, idempotent: true, cancellationToken);

    /// <summary>Reads a job's status.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ScoringApiException">Unknown job.</exception>
    /// <exception cref="ScoringServiceUnavailableException">The service could not be reached.</exception>
    public async Task<JobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken = default) =>
        (await GetStatusWithHintAsync(jobId, cancellationToken).ConfigureAwait(false)).Status;

    // A null byte[] converts to an empty, non-null ReadOnlyMemory; no key file is empty, so empty means "none".
    private static KeyBlobDescriptor? Describe(ReadOnlyMemory<byte>? file) =>
        file is { IsEmpty: false } bytes ? new KeyBlobDescriptor(Convert.ToHexStringLower(SHA256.HashData(bytes.Span)), bytes.Length) : null;

    private Uri JobUri(string jobId, string suffix)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return new Uri(_api, $"jobs/{Uri.EscapeDataString(jobId)}{suffix}");
    }

    private async Task<(JobStatus Status, TimeSpan? RetryAfter)> GetStatusWithHintAsync(string jobId, CancellationToken cancellationToken)
    {
        var uri = JobUri(jobId, string.Empty);
        using var response = await SendCheckedAsync(HttpMethod.Get, uri, null, idempotent: true, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync<JobStatus>(response, HttpMethod.Get, uri, cancellationToken).ConfigureAwait(false), RetryDelay.FromResponse(response, DateTimeOffset.UtcNow, _options.MaxPollInterval));
    }

    private async Task<T> SendAsync<T>(HttpMethod method, Uri uri, object? body, bool idempotent, CancellationToken cancellationToken)
    {
        using var response = await SendCheckedAsync(method, uri, body, idempotent, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, method, uri, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendCheckedAsync(HttpMethod method, Uri uri, object? body, bool idempotent, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(method, uri);
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, body.GetType(), options: ContractJson.Options);
                }

                if (_options.FunctionKey is not null)
                {
                    request.Headers.Add("x-functions-key", _options.FunctionKey);
                }

                return request;
            },
            idempotent, uri, null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var error = await TryReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                throw ScoringApiException.ForApiCall(method, uri, (int)response.StatusCode, error, response.ReasonPhrase);
            }
        }

        return response;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpMethod method, Uri uri, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(ContractJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new ScoringApiException((int)response.StatusCode, null, $"{method} {uri.AbsolutePath} answered an empty body.");

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
        catch (NotSupportedException)
        {
            // Not JSON at all (a proxy's HTML page, say): the status and reason say enough.
            return null;
        }
    }
}
