using System.Net;

namespace IcedServerless.Storage.Tests.Infrastructure;

/// <summary>
/// A fake transport for unit tests of our own retry and resume logic: answers from a script, in order, and
/// records what was sent (headers and body bytes of every attempt).
/// </summary>
internal sealed class ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new(script);

    public List<SentRequest> Sent { get; } = [];

    public static HttpResponseMessage Status(HttpStatusCode status, string? errorCode = null)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
        if (errorCode is not null)
        {
            response.Headers.TryAddWithoutValidation("x-ms-error-code", errorCode);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Sent.Add(new SentRequest(
            request.Method, request.RequestUri!, request.Headers.ToDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase), body));
        if (!_script.TryDequeue(out var next))
        {
            throw new InvalidOperationException($"Unexpected request #{Sent.Count}: {request.Method} {request.RequestUri}");
        }

        return next(request);
    }

    internal sealed record SentRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, byte[] Body);
}
