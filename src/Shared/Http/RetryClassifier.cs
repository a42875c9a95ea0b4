using System.Net;
using Polly.Timeout;

namespace IcedServerless.Http;

/// <summary>
/// Decides which outcomes are transient. Kept apart from the backoff policy so it can be tested on its own.
/// 4xx answers other than 408/429 are never retried: they are decisions (a create-only 409 stays a 409).
/// </summary>
internal static class RetryClassifier
{
    /// <summary>Whether a response status is worth retrying.</summary>
    public static bool IsTransient(HttpStatusCode status) => (int)status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// Whether an exception is worth retrying: network failures, a per-attempt timeout, or an HttpClient timeout
    /// (a cancellation the caller did not ask for).
    /// </summary>
    public static bool IsTransient(Exception exception, CancellationToken callerToken) => exception switch
    {
        HttpRequestException => true,
        IOException => true,
        TimeoutRejectedException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };
}
