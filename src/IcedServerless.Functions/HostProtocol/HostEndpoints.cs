using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions.HostProtocol;

/// <summary>
/// The custom-handler contract: <c>GET /</c> answers the host's readiness probe, and <c>POST /{FunctionName}</c>
/// takes an invocation payload and answers the invocation result JSON. A 2xx tells the host the invocation
/// succeeded (queue message deleted); a 500 makes it fail (message retried, then poisoned).
/// </summary>
internal static partial class HostEndpoints
{
    /// <summary>The largest invocation payload accepted: HTTP bodies are small and queue messages ≤ 64 KiB.</summary>
    public const long MaxPayloadBytes = 1024 * 1024;

    /// <summary>The host's invocation id header.</summary>
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Results.Text("IcedServerless custom handler is ready."));
        endpoints.MapPost("/{function}", InvokeAsync);
    }

    private static async Task<IResult> InvokeAsync(string function, HttpContext context, FunctionDispatcher dispatcher, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(HostEndpoints));
        var isHttp = FunctionDispatcher.IsHttp(function);
        if (!isHttp && !FunctionDispatcher.IsQueue(function))
        {
            return Results.NotFound();
        }

        if (context.Request.ContentLength > MaxPayloadBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // Also caps a chunked body, which announces no length.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxPayloadBytes;
        }

        var invocationId = context.Request.Headers[InvocationIdHeader].ToString();
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["Function"] = function, ["InvocationId"] = invocationId });
        JsonDocument payload;
        try
        {
            payload = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Results.BadRequest($"The invocation payload is not JSON: {e.Message}");
        }

        using (payload)
        {
            try
            {
                if (isHttp)
                {
                    var request = HostPayload.ReadHttp(payload.RootElement);
                    var result = await dispatcher.InvokeHttpAsync(function, request, context.RequestAborted).ConfigureAwait(false);
                    return Json(HostResponse.ForHttp(result, [$"{function}: {result.Status}"]), StatusCodes.Status200OK);
                }

                var invocation = HostPayload.ReadQueue(payload.RootElement, invocationId);
                var logs = await dispatcher.InvokeQueueAsync(function, invocation, context.RequestAborted).ConfigureAwait(false);
                return Json(HostResponse.ForQueue(logs), StatusCodes.Status200OK);
            }
            catch (HostPayloadException e)
            {
                return Results.BadRequest(e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                LogInvocationFailed(logger, e, function);
                return Json(HostResponse.ForQueue([$"{function} failed: {e.GetType().Name}"]), StatusCodes.Status500InternalServerError);
            }
        }
    }

    private static IResult Json(string json, int status) => Results.Text(json, "application/json", statusCode: status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation of {Function} failed; the host will retry it")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string function);
}
