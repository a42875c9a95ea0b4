using System.Globalization;
using System.Xml.Linq;

namespace IcedServerless.Storage.Blobs;

public sealed partial class AzureBlobStore
{
    /// <summary>The service's page-size limit.</summary>
    internal const int MaxPageSize = 5000;

    /// <inheritdoc />
    public async Task<BlobPage> ListBlobsAsync(
        string container, string? prefix = null, string? continuationToken = null, int? pageSize = null,
        CancellationToken cancellationToken = default)
    {
        StorageValidation.ResourceName(container, "container", nameof(container));
        if (pageSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(pageSize));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxPageSize, nameof(pageSize));
        }

        var request = new StorageRequest(HttpMethod.Get, ContainerUri(container), "List Blobs", container)
            .Query("restype", "container")
            .Query("comp", "list")
            .Query("include", "metadata");
        if (!string.IsNullOrEmpty(prefix))
        {
            request.Query("prefix", prefix);
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            request.Query("marker", continuationToken);
        }

        if (pageSize is not null)
        {
            request.Query("maxresults", pageSize.Value.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await _pipeline.SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var root = (await XDocument.LoadAsync(body, LoadOptions.None, cancellationToken).ConfigureAwait(false)).Root
            ?? throw new StorageException((int)response.StatusCode, null, $"List Blobs '{container}' returned an empty document.");
        var items = root.Element("Blobs")?.Elements("Blob").Select(ParseBlob).ToList() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return new BlobPage(items, string.IsNullOrEmpty(next) ? null : next);
    }

    private static BlobProperties ParseBlob(XElement blob)
    {
        var properties = blob.Element("Properties");
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in blob.Element("Metadata")?.Elements() ?? [])
        {
            metadata[entry.Name.LocalName] = entry.Value;
        }

        var lastModified = properties?.Element("Last-Modified")?.Value;
        return new BlobProperties(
            blob.Element("Name")?.Value ?? string.Empty,
            long.Parse(properties?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
            properties?.Element("Content-Type")?.Value is { Length: > 0 } type ? type : "application/octet-stream",
            BlobHttp.NormalizeETag(properties?.Element("Etag")?.Value ?? string.Empty),
            lastModified is null ? DateTimeOffset.MinValue : BlobHttp.ParseHttpDate(lastModified),
            metadata);
    }
}
