using System.Buffers;
using System.Runtime.CompilerServices;

namespace IcedServerless.Storage.Blobs;

public sealed partial class AzureBlobStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The body streams straight into <paramref name="destination"/>. If the connection breaks mid-body, the rest
    /// is fetched with a ranged request pinned to the same ETag (<c>If-Match</c>), so a blob replaced meanwhile
    /// fails with 412 instead of mixing two versions.
    /// </remarks>
    public Task<BlobProperties> DownloadToAsync(
        string container, string blobName, Stream destination, BlobDownloadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return DownloadFromAsync(BlobUri(container, blobName), $"{container}/{blobName}", blobName, destination, options, cancellationToken);
    }

    /// <summary>Streams a blob URI (which may carry a SAS) into <paramref name="destination"/>, resuming broken bodies.</summary>
    internal async Task<BlobProperties> DownloadFromAsync(
        Uri uri, string resource, string blobName, Stream destination, BlobDownloadOptions? options, CancellationToken cancellationToken)
    {
        options ??= new BlobDownloadOptions();
        var start = options.Range?.Offset ?? 0;
        using var response = await GetAsync(uri, resource, options.Range?.ToString(), null, cancellationToken).ConfigureAwait(false);
        var properties = BlobHttp.Properties(response, blobName);
        var toTransfer = response.Content.Headers.ContentLength;
        if (options.MaxLength is { } max && toTransfer > max)
        {
            throw new BlobTooLargeException(resource, toTransfer.Value, max);
        }

        // A box, because the count must survive the exception that interrupts a copy.
        var copied = new StrongBox<long>();
        var failures = 0;
        var body = response.Content;
        HttpResponseMessage? resumed = null;
        try
        {
            while (true)
            {
                try
                {
                    await using var stream = await body.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    await CopyAsync(stream, destination, copied, options.MaxLength, resource, cancellationToken).ConfigureAwait(false);
                    return properties;
                }
                catch (Exception e) when (toTransfer is not null && copied.Value < toTransfer && ++failures <= _pipeline.Options.MaxRetries
                    && e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    resumed?.Dispose();
                    var range = new BlobRange(start + copied.Value, toTransfer.Value - copied.Value).ToString();
                    resumed = await GetAsync(uri, resource, range, properties.ETag, cancellationToken).ConfigureAwait(false);
                    body = resumed.Content;
                }
            }
        }
        finally
        {
            resumed?.Dispose();
        }
    }

    private async Task<HttpResponseMessage> GetAsync(Uri uri, string resource, string? range, string? ifMatch, CancellationToken cancellationToken)
    {
        var request = new StorageRequest(HttpMethod.Get, uri, "Get Blob", resource) { Completion = HttpCompletionOption.ResponseHeadersRead }
            .Header("x-ms-range", range)
            .Header("If-Match", ifMatch);
        return await _pipeline.SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies the body, counting bytes; the limit is enforced here too for bodies without a length.</summary>
    private static async Task CopyAsync(
        Stream source, Stream destination, StrongBox<long> copied, long? maxLength, string resource, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (maxLength is { } max && copied.Value + n > max)
                {
                    throw new BlobTooLargeException(resource, copied.Value + n, max);
                }

                await destination.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                copied.Value += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
