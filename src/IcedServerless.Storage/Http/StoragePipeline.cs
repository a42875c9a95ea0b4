using IcedServerless.Http;
using Polly;
using Polly.Retry;

namespace IcedServerless.Storage;

/// <summary>
/// Sends <see cref="StorageRequest"/>s: builds a fresh message per attempt, authorizes it, and retries transient
/// failures with exponential backoff and jitter (honouring <c>Retry-After</c>) under a per-attempt timeout.
/// Non-success answers are returned to the caller, who maps them with <see cref="StorageErrors"/>.
/// </summary>
internal sealed class StoragePipeline : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly IRequestAuthorizer _authorizer;
    private readonly ResiliencePipeline<HttpResponseMessage> _resilience;

    public StoragePipeline(HttpClient? httpClient, IRequestAuthorizer authorizer, StorageClientOptions options)
    {
        options.Validate();
        Options = options;
        _authorizer = authorizer;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            // Attempts are bounded by the resilience pipeline's timeout; downloads stream for as long as they need.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _resilience = Build(options);
    }

    /// <summary>The options in force.</summary>
    public StorageClientOptions Options { get; }

    /// <summary>Sends the request with retries; the caller owns (and must dispose) the response.</summary>
    /// <exception cref="StorageException">No response after all attempts (status 0, NetworkFailure).</exception>
    public async Task<HttpResponseMessage> SendAsync(StorageRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _resilience.ExecuteAsync(
                static async (state, ct) =>
                {
                    var (self, req) = state;
                    using var message = req.CreateMessage(self.Options.TimeProvider.GetUtcNow());
                    await self._authorizer.AuthorizeAsync(message, ct).ConfigureAwait(false);
                    return await self._http.SendAsync(message, req.Completion, ct).ConfigureAwait(false);
                },
                (this, request),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RetryClassifier.IsTransient(e, cancellationToken))
        {
            throw new StorageException(
                0, StorageErrorCodes.NetworkFailure,
                $"{request.Operation} '{request.Resource}' got no response after {Options.MaxRetries + 1} attempts: {e.Message}",
                innerException: e);
        }
    }

    /// <summary>Sends the request and throws the mapped exception unless the status is a success.</summary>
    public async Task<HttpResponseMessage> SendCheckedAsync(StorageRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await StorageErrors.FromResponseAsync(response, request, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static ResiliencePipeline<HttpResponseMessage> Build(StorageClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: { } e } => RetryClassifier.IsTransient(e, args.Context.CancellationToken),
                    { Result: { } r } => RetryClassifier.IsTransient(r.StatusCode),
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(
                    RetryDelay.FromResponse(args.Outcome.Result, options.TimeProvider.GetUtcNow(), options.MaxRetryDelay)),
            });
        }

        builder.AddTimeout(options.TryTimeout);
        return builder.Build();
    }
}
