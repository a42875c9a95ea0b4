using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions.Tests.Infrastructure;

/// <summary>What the proxy does with one request.</summary>
internal enum Fault
{
    /// <summary>Forward and relay the answer.</summary>
    None,

    /// <summary>Answer 503 with <c>Retry-After: 1</c> without forwarding.</summary>
    Busy,

    /// <summary>Close the connection without forwarding.</summary>
    DropBefore,

    /// <summary>Forward (the service acts on it), then close the connection instead of relaying the answer.</summary>
    DropAfter,
}

/// <summary>
/// A real Kestrel reverse proxy on a loopback port in front of the service, failing requests as a plan says, so
/// the client's retries meet real sockets: refused answers, dropped connections, lost answers.
/// </summary>
internal sealed class FaultyProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _forward = new();
    private readonly Func<string, int, Fault> _plan;
    private readonly ConcurrentDictionary<string, int> _counts = new();

    private FaultyProxy(WebApplication app, Uri target, Func<string, int, Fault> plan)
    {
        _app = app;
        _plan = plan;
        _app.Run(context => HandleAsync(context, target));
    }

    /// <summary>The proxy's base URI.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Times each request kind ("METHOD /path") arrived, with when.</summary>
    public ConcurrentQueue<(string Request, DateTimeOffset At)> Seen { get; } = new();

    /// <summary>Starts a proxy to <paramref name="target"/>; <paramref name="plan"/> maps ("METHOD /path", 1-based arrival count) to a fault.</summary>
    public static async Task<FaultyProxy> StartAsync(Uri target, Func<string, int, Fault> plan)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var proxy = new FaultyProxy(builder.Build(), target, plan);
        await proxy._app.StartAsync();
        proxy.BaseUri = FunctionsApp.ListeningUri(proxy._app.Services);
        return proxy;
    }

    /// <summary>How many times a request kind arrived.</summary>
    public int Count(string request) => _counts.GetValueOrDefault(request);

    /// <summary>The same link, through the proxy (local links are signed without the host).</summary>
    public Uri Via(Uri link) => new(BaseUri, link.PathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }

    private async Task HandleAsync(HttpContext context, Uri target)
    {
        var key = $"{context.Request.Method} {context.Request.Path}";
        var count = _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        Seen.Enqueue((key, DateTimeOffset.UtcNow));
        var fault = _plan(key, count);
        if (fault == Fault.Busy)
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        if (fault == Fault.DropBefore)
        {
            context.Abort();
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(target, context.Request.Path + context.Request.QueryString));
        if (body.Length > 0 || context.Request.Method is "PUT" or "POST")
        {
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        foreach (var name in new[] { "If-None-Match", "x-ms-blob-type", "x-functions-key" })
        {
            if (context.Request.Headers.TryGetValue(name, out var value))
            {
                request.Headers.TryAddWithoutValidation(name, value.ToString());
            }
        }

        using var answer = await _forward.SendAsync(request);
        if (fault == Fault.DropAfter)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (name is not "Transfer-Encoding" and not "Content-Length")
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await answer.Content.CopyToAsync(context.Response.Body);
    }
}
