using System.Xml.Linq;

namespace IcedServerless.Storage;

/// <summary>Turns a failed response into the typed exception, with the service's code and message.</summary>
internal static class StorageErrors
{
    // Error bodies are small XML documents; anything bigger is not worth reading.
    private const int MaxErrorBody = 16 * 1024;

    /// <summary>Reads the error code and message and builds the exception (the response is not disposed).</summary>
    public static async Task<StorageException> FromResponseAsync(HttpResponseMessage response, StorageRequest request, CancellationToken cancellationToken)
    {
        var code = Header(response, "x-ms-error-code");
        var requestId = Header(response, "x-ms-request-id");
        string? serviceMessage = null;
        if (response.Content.Headers.ContentLength is > 0 and <= MaxErrorBody)
        {
            try
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var error = XDocument.Parse(text).Root;
                code ??= error?.Element("Code")?.Value;
                serviceMessage = error?.Element("Message")?.Value;
            }
            catch (System.Xml.XmlException)
            {
                // Not an XML error body (a proxy's HTML page, say): the status and header code still say enough.
            }
        }

        // The service appends "RequestId:...\nTime:..." lines; the first line is the explanation.
        var reason = serviceMessage?.Split('\n')[0].Trim() ?? response.ReasonPhrase ?? "no message";
        var message = $"{request.Operation} '{request.Resource}' failed: {(int)response.StatusCode} {code ?? "(no error code)"}: {reason}";
        return Create((int)response.StatusCode, code, message, requestId);
    }

    /// <summary>The typed exception for a status and code.</summary>
    public static StorageException Create(int status, string? code, string message, string? requestId = null) => (status, code) switch
    {
        (404, _) => new StorageNotFoundException(code, message, requestId),
        (409, StorageErrorCodes.BlobAlreadyExists) => new BlobAlreadyExistsException(message, requestId),
        (400, StorageErrorCodes.PopReceiptMismatch) => new PopReceiptMismatchException(message, requestId),
        _ => new StorageException(status, code, message, requestId),
    };

    /// <summary>A single response header value, or <see langword="null"/>.</summary>
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()
        : response.Content.Headers.TryGetValues(name, out values) ? values.FirstOrDefault() : null;
}
