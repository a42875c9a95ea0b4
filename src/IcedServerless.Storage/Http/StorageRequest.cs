using System.Net.Http.Headers;
using System.Text;

namespace IcedServerless.Storage;

/// <summary>
/// One REST call, described so that a fresh <see cref="HttpRequestMessage"/> can be built for every retry (an
/// HttpRequestMessage cannot be sent twice). Bodies are always in memory, so every attempt resends the same bytes.
/// </summary>
internal sealed class StorageRequest
{
    private readonly List<KeyValuePair<string, string>> _query = [];
    private readonly List<KeyValuePair<string, string>> _headers = [];

    /// <summary>Creates a request to <paramref name="resourceUri"/> (already escaped, may carry a SAS query).</summary>
    public StorageRequest(HttpMethod method, Uri resourceUri, string operation, string resource)
    {
        Method = method;
        ResourceUri = resourceUri;
        Operation = operation;
        Resource = resource;
    }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The resource URI before the operation's query parameters are added.</summary>
    public Uri ResourceUri { get; }

    /// <summary>The operation name for messages, e.g. "Put Blob".</summary>
    public string Operation { get; }

    /// <summary>The resource for messages, e.g. "uploads/a.bin"; never carries a query (SAS).</summary>
    public string Resource { get; }

    /// <summary>The body, or empty.</summary>
    public ReadOnlyMemory<byte> Body { get; private set; }

    /// <summary>The body's content type, or <see langword="null"/>.</summary>
    public string? ContentType { get; private set; }

    /// <summary>True for PUT/POST, which always send a Content-Length, 0 when there is no body.</summary>
    public bool SendsContent => Method == HttpMethod.Put || Method == HttpMethod.Post;

    /// <summary>Whether to return once headers arrive, leaving the body to stream.</summary>
    public HttpCompletionOption Completion { get; init; } = HttpCompletionOption.ResponseContentRead;

    /// <summary>Adds a query parameter (raw value; escaped when the URI is built).</summary>
    public StorageRequest Query(string name, string value)
    {
        _query.Add(new(name, value));
        return this;
    }

    /// <summary>Adds a header, unless the value is <see langword="null"/>.</summary>
    public StorageRequest Header(string name, string? value)
    {
        if (value is not null)
        {
            _headers.Add(new(name, value));
        }

        return this;
    }

    /// <summary>Sets the body.</summary>
    public StorageRequest Content(ReadOnlyMemory<byte> body, string contentType)
    {
        Body = body;
        ContentType = contentType;
        return this;
    }

    /// <summary>Sets a UTF-8 XML body.</summary>
    public StorageRequest Xml(string xml) => Content(Encoding.UTF8.GetBytes(xml), "application/xml");

    /// <summary>The full URI with the operation's query appended to any existing (SAS) query.</summary>
    public Uri BuildUri()
    {
        if (_query.Count == 0)
        {
            return ResourceUri;
        }

        var sb = new StringBuilder(ResourceUri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
        var existing = ResourceUri.Query.TrimStart('?');
        sb.Append('?').Append(existing);
        var first = existing.Length == 0;
        foreach (var (name, value) in _query)
        {
            sb.Append(first ? string.Empty : "&").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }

        return new Uri(sb.ToString());
    }

    /// <summary>Builds a fresh message stamped with <c>x-ms-date</c> = <paramref name="now"/> and the protocol version.</summary>
    public HttpRequestMessage CreateMessage(DateTimeOffset now)
    {
        var message = new HttpRequestMessage(Method, BuildUri());
        message.Headers.TryAddWithoutValidation("x-ms-date", now.UtcDateTime.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.TryAddWithoutValidation("x-ms-version", StorageProtocol.Version);
        foreach (var (name, value) in _headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (SendsContent || !Body.IsEmpty)
        {
            // PUT/POST without a body still send Content-Length: 0, which the service requires.
            var content = new ReadOnlyMemoryContent(Body);
            if (ContentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }

            message.Content = content;
        }

        return message;
    }
}
