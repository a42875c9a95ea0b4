using System.Net.Sockets;
using IcedServerless.Http;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace IcedServerless.Client;

/// <summary>
/// Sends the client's requests with retries: a fresh message per attempt, a per-attempt timeout, exponential
/// back-off with jitter that honours <c>Retry-After</c> (capped). Idempotent calls retry network failures, timeouts
/// and 408/429/500/502/503/504; a call that is not idempotent retries only when the request provably never reached
/// the server (connection refused). Non-success answers are returned; failures without an answer become
/// <see cref="ScoringServiceUnavailableException"/>.
/// </summary>
internal sealed class ScoringTransport
{
    private readonly HttpClient _http;
    private readonly ScoringClientOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _idempotent;
    private readonly ResiliencePipeline<HttpResponseMessage> _unsafe;

    public ScoringTransport(HttpClient http, ScoringClientOptions options)
    {
        _http = http;
        _options = options;
        _idempotent = Build(options, idempotent: true);
        _unsafe = Build(options, idempotent: false);
    }

    /// <summary>Sends with retries; <paramref name="onAttempt"/> sees each attempt's number (1-based) before it is sent.</summary>
    /// <exception cref="ScoringServiceUnavailableException">No answer after every attempt.</exception>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> create, bool idempotent, Uri endpoint, Action<int>? onAttempt, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            return await (idempotent ? _idempotent : _unsafe).ExecuteAsync(
                async ct =>
                {
                    attempts++;
                    onAttempt?.Invoke(attempts);
                    using var request = create();
                    return await _http.SendAsync(request, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RetryClassifier.IsTransient(e, cancellationToken))
        {
            throw new ScoringServiceUnavailableException(new Uri(endpoint.GetLeftPart(UriPartial.Path)), attempts, e);
        }
    }

    /// <summary>The connection was refused: nothing was sent, so even a non-idempotent call may be tried again.</summary>
    private static bool NeverSent(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }

    private static ResiliencePipeline<HttpResponseMessage> Build(ScoringClientOptions options, bool idempotent)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
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
                    { Exception: { } e } => idempotent ? RetryClassifier.IsTransient(e, args.Context.CancellationToken) : NeverSent(e),
                    { Result: { } r } => idempotent && RetryClassifier.IsTransient(r.StatusCode),
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(
                    RetryDelay.FromResponse(args.Outcome.Result, DateTimeOffset.UtcNow, options.MaxRetryDelay)),
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }
}
