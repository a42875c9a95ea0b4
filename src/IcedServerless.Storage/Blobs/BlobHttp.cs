using System.Globalization;

namespace IcedServerless.Storage.Blobs;

/// <summary>Reads blob properties out of response headers and writes metadata headers.</summary>
internal static class BlobHttp
{
    private const string MetaPrefix = "x-ms-meta-";

    /// <summary>Adds <c>x-ms-meta-*</c> headers.</summary>
    public static StorageRequest Metadata(this StorageRequest request, IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Header(MetaPrefix + name, value);
        }

        return request;
    }

    /// <summary>The blob's properties from a Get Blob / Get Blob Properties response.</summary>
    public static BlobProperties Properties(HttpResponseMessage response, string blobName)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            if (name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[name[MetaPrefix.Length..]] = string.Join(',', values);
            }
        }

        var content = response.Content.Headers;

        // A ranged answer's Content-Range carries the full length after '/'; otherwise Content-Length is it.
        var length = content.ContentRange?.Length ?? content.ContentLength ?? 0;
        return new BlobProperties(
            blobName,
            length,
            content.ContentType?.ToString() ?? "application/octet-stream",
            NormalizeETag(response.Headers.ETag?.ToString() ?? StorageErrors.Header(response, "ETag") ?? string.Empty),
            content.LastModified ?? DateTimeOffset.MinValue,
            metadata);
    }

    /// <summary>ETags are quoted in headers but bare in listings; use the quoted form everywhere.</summary>
    public static string NormalizeETag(string etag) =>
        etag.Length == 0 || etag.StartsWith('"') ? etag : $"\"{etag}\"";

    /// <summary>The ETag of a write response.</summary>
    public static string ETag(HttpResponseMessage response) =>
        NormalizeETag(response.Headers.ETag?.ToString() ?? string.Empty);

    /// <summary>Parses an RFC 1123 date such as <c>Sun, 22 Nov 2026 02:00:15 GMT</c>.</summary>
    public static DateTimeOffset ParseHttpDate(string value) =>
        DateTimeOffset.ParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
