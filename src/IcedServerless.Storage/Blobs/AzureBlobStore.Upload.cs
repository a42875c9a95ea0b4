using System.Buffers;

namespace IcedServerless.Storage.Blobs;

public sealed partial class AzureBlobStore
{
    /// <inheritdoc />
    public Task<BlobUploadResult> UploadAsync(
        string container, string blobName, ReadOnlyMemory<byte> content, BlobUploadOptions? options = null,
        CancellationToken cancellationToken = default) =>
        UploadToAsync(BlobUri(container, blobName), $"{container}/{blobName}", content, options, cancellationToken);

    /// <inheritdoc />
    public Task<BlobUploadResult> UploadAsync(
        string container, string blobName, Stream content, BlobUploadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return UploadToAsync(BlobUri(container, blobName), $"{container}/{blobName}", content, options, cancellationToken);
    }

    /// <summary>Uploads from memory to a blob URI (which may carry a SAS); single Put Blob or blocks by size.</summary>
    internal Task<BlobUploadResult> UploadToAsync(
        Uri uri, string resource, ReadOnlyMemory<byte> content, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        options ??= new BlobUploadOptions();
        StorageValidation.UploadOptions(options, nameof(options));
        if (content.Length <= _pipeline.Options.SingleUploadThreshold)
        {
            return PutBlobAsync(uri, resource, content, options, cancellationToken);
        }

        // Blocks are slices of the caller's memory: no copies, nothing to return.
        var offset = 0;
        var blockSize = _pipeline.Options.BlockSize;
        return UploadBlocksAsync(uri, resource, options, _ =>
        {
            var length = Math.Min(blockSize, content.Length - offset);
            var block = length == 0 ? null : new UploadBlock(content.Slice(offset, length), null);
            offset += length;
            return ValueTask.FromResult(block);
        }, cancellationToken);
    }

    /// <summary>Uploads a stream to a blob URI: one Put Blob if it ends within the first block, else blocks.</summary>
    internal async Task<BlobUploadResult> UploadToAsync(
        Uri uri, string resource, Stream content, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        options ??= new BlobUploadOptions();
        StorageValidation.UploadOptions(options, nameof(options));
        var settings = _pipeline.Options;

        // Read the first block: if the stream ends inside it (and under the threshold), one Put Blob is enough.
        var first = await ReadBlockAsync(content, settings.BlockSize, cancellationToken).ConfigureAwait(false);
        if (first.Memory.Length < settings.BlockSize && first.Memory.Length <= settings.SingleUploadThreshold)
        {
            using (first)
            {
                return await PutBlobAsync(uri, resource, first.Memory, options, cancellationToken).ConfigureAwait(false);
            }
        }

        var pending = first;
        return await UploadBlocksAsync(uri, resource, options, async ct =>
        {
            if (pending is not null)
            {
                var block = pending;
                pending = null;
                return block;
            }

            var next = await ReadBlockAsync(content, settings.BlockSize, ct).ConfigureAwait(false);
            if (next.Memory.IsEmpty)
            {
                next.Dispose();
                return null;
            }

            return next;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BlobUploadResult> PutBlobAsync(
        Uri uri, string resource, ReadOnlyMemory<byte> content, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        var request = new StorageRequest(HttpMethod.Put, uri, "Put Blob", resource)
            .Header("x-ms-blob-type", "BlockBlob")
            .Header("If-None-Match", options.CreateOnly ? "*" : null)
            .Metadata(options.Metadata)
            .Content(content, options.ContentType ?? "application/octet-stream");
        using var response = await SendWriteAsync(request, options.CreateOnly, cancellationToken).ConfigureAwait(false);
        return new BlobUploadResult(BlobHttp.ETag(response), content.Length);
    }

    /// <summary>Sends a write; with create-only, any "it exists" answer becomes <see cref="BlobAlreadyExistsException"/>.</summary>
    private async Task<HttpResponseMessage> SendWriteAsync(StorageRequest request, bool createOnly, CancellationToken cancellationToken)
    {
        var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await StorageErrors.FromResponseAsync(response, request, cancellationToken).ConfigureAwait(false);

            // The service answers If-None-Match: * with 409 BlobAlreadyExists, but some versions say 412 ConditionNotMet.
            throw createOnly && error.Status is 409 or 412 && error is not BlobAlreadyExistsException
                ? new BlobAlreadyExistsException(error.Message, error.RequestId)
                : error;
        }
    }

    private static async Task<UploadBlock> ReadBlockAsync(Stream stream, int size, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var filled = 0;
        try
        {
            while (filled < size)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(filled, size - filled), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                filled += n;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return new UploadBlock(buffer.AsMemory(0, filled), buffer);
    }
}
