using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IcedServerless.Contracts;
using IcedServerless.Functions.HostProtocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IcedServerless.Functions.Api;

/// <summary>
/// Local mode, where no Functions host sits in front: the HTTP functions answer on their public routes
/// (<c>/api/models</c>, …) directly, through the same dispatcher the host's payloads go to. When
/// <c>Iced:Local:FunctionKey</c> is set, callers must present it as the host would demand (header
/// <c>x-functions-key</c> or query <c>code</c>).
/// </summary>
internal static class DirectApiEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, string? functionKey)
    {
        foreach (var (name, method, route) in FunctionDispatcher.HttpFunctions)
        {
            endpoints.MapMethods($"/{FunctionNames.RoutePrefix}/{route}", [method], (HttpContext context, FunctionDispatcher dispatcher) =>
                InvokeAsync(name, context, dispatcher, functionKey));
        }
    }

    private static async Task InvokeAsync(string name, HttpContext context, FunctionDispatcher dispatcher, string? functionKey)
    {
        ApiResult result;
        if (functionKey is not null && !HasKey(context.Request, functionKey))
        {
            result = new ApiException(401, ApiErrorCodes.Unauthorized, "Present the function key in x-functions-key or ?code=.").ToResult();
        }
        else if (context.Request.ContentLength > ApiRequests.MaxBodyChars * 4L)
        {
            result = ApiException.BadRequest($"The body is larger than {ApiRequests.MaxBodyChars} characters.").ToResult();
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await ReadBoundedAsync(reader, context.RequestAborted).ConfigureAwait(false);
            var routeValues = context.Request.RouteValues.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            var url = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}");
            result = await dispatcher.InvokeHttpAsync(name, new HttpTriggerRequest(context.Request.Method, url, routeValues, body), context.RequestAborted)
                .ConfigureAwait(false);
        }

        context.Response.StatusCode = result.Status;
        foreach (var (header, value) in result.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[header] = value;
        }

        if (result.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, result.Body, result.Body.GetType(), ContractJson.Options, context.RequestAborted)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Reads the body, stopping one character past the limit so the parser reports it as too large.</summary>
    private static async Task<string> ReadBoundedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[ApiRequests.MaxBodyChars + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        return new string(buffer, 0, read);
    }

    private static bool HasKey(HttpRequest request, string functionKey)
    {
        var presented = request.Headers["x-functions-key"].ToString() is { Length: > 0 } header ? header : request.Query["code"].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(functionKey));
    }
}
