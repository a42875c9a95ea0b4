using IcedServerless.Contracts;
using IcedServerless.Functions.Api;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.Scoring;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions.HostProtocol;

/// <summary>
/// Routes an invocation to its function by name, the same way for the Functions host's payloads and for direct
/// HTTP calls in local mode, and turns refusals and failures into answers.
/// </summary>
public sealed partial class FunctionDispatcher(
    ModelsApi models,
    KeySetsApi keySets,
    JobsApi jobs,
    JobUploadsApi uploads,
    ShardScorer scorer,
    PoisonHandler poison,
    StorageBootstrap bootstrap,
    ILogger<FunctionDispatcher> logger)
{
    /// <summary>The HTTP functions: name, method and route (under <c>/api/</c>), as in their function.json.</summary>
    public static IReadOnlyList<(string Name, string Method, string Route)> HttpFunctions { get; } =
    [
        (FunctionNames.ListModels, "GET", "models"),
        (FunctionNames.RegisterKeys, "POST", "keysets"),
        (FunctionNames.CreateJob, "POST", "jobs"),
        (FunctionNames.SubmitJob, "POST", "jobs/{jobId}/submit"),
        (FunctionNames.RenewUploads, "POST", "jobs/{jobId}/uploads"),
        (FunctionNames.JobStatus, "GET", "jobs/{jobId}"),
    ];

    /// <summary>The queue functions: name and the queue that triggers them, as in their function.json.</summary>
    public static IReadOnlyList<(string Name, string Queue)> QueueFunctions { get; } =
    [
        (FunctionNames.ScoreShard, FunctionNames.ShardQueue),
        (FunctionNames.MarkPoisoned, FunctionNames.PoisonQueue),
    ];

    /// <summary>Whether <paramref name="name"/> is an HTTP function (ordinal, as the host matches folder names).</summary>
    /// <param name="name">The function name.</param>
    /// <returns><see langword="true"/> for an HTTP function.</returns>
    public static bool IsHttp(string name) => HttpFunctions.Any(f => f.Name == name);

    /// <summary>Whether <paramref name="name"/> is a queue function.</summary>
    /// <param name="name">The function name.</param>
    /// <returns><see langword="true"/> for a queue function.</returns>
    public static bool IsQueue(string name) => QueueFunctions.Any(f => f.Name == name);

    /// <summary>Runs an HTTP function; refusals become error answers, unexpected failures a 500 without details.</summary>
    /// <param name="name">The function.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The answer for the caller.</returns>
    public async Task<ApiResult> InvokeHttpAsync(string name, HttpTriggerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var expected = HttpFunctions.Single(f => f.Name == name).Method;
        try
        {
            if (request.Method != expected)
            {
                throw new ApiException(405, ApiErrorCodes.NotFound, $"{name} answers {expected}, not {request.Method}.");
            }

            await bootstrap.EnsureAsync(cancellationToken).ConfigureAwait(false);
            return name switch
            {
                FunctionNames.ListModels => models.List(),
                FunctionNames.RegisterKeys => await keySets.RegisterAsync(request, cancellationToken).ConfigureAwait(false),
                FunctionNames.CreateJob => await jobs.CreateAsync(request, cancellationToken).ConfigureAwait(false),
                FunctionNames.SubmitJob => await jobs.SubmitAsync(request, cancellationToken).ConfigureAwait(false),
                FunctionNames.RenewUploads => await uploads.RenewAsync(request, cancellationToken).ConfigureAwait(false),
                _ => await jobs.StatusAsync(request, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (ApiException e)
        {
            return e.ToResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHttpFailure(e, name);
            return new ApiResult(500, new ErrorResponse(new ApiError(ApiErrorCodes.InternalError, "The service failed to handle the request; retry later.")));
        }
    }

    /// <summary>Runs a queue function. Exceptions propagate: the caller answers 500 and the message is retried.</summary>
    /// <param name="name">The function.</param>
    /// <param name="invocation">The message.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Lines for the invocation log.</returns>
    public async Task<IReadOnlyList<string>> InvokeQueueAsync(string name, QueueTriggerInvocation invocation, CancellationToken cancellationToken)
    {
        await bootstrap.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return name == FunctionNames.ScoreShard
            ? await scorer.ScoreAsync(invocation, cancellationToken).ConfigureAwait(false)
            : await poison.HandleAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP function {Function} failed")]
    private partial void LogHttpFailure(Exception exception, string function);
}
