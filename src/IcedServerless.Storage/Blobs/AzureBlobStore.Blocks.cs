using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;

namespace IcedServerless.Storage.Blobs;

public sealed partial class AzureBlobStore
{
    /// <summary>
    /// Uploads blocks with at most <see cref="StorageClientOptions.MaxConcurrency"/> in flight, then commits them
    /// in order with Put Block List. The first failure cancels the other blocks and is rethrown as is.
    /// </summary>
    private async Task<BlobUploadResult> UploadBlocksAsync(
        Uri uri, string resource, BlobUploadOptions options, Func<CancellationToken, ValueTask<UploadBlock?>> nextBlock,
        CancellationToken cancellationToken)
    {
        if (options.CreateOnly && await ExistsAtAsync(uri, resource, cancellationToken).ConfigureAwait(false))
        {
            // Fail before sending megabytes; the condition on Put Block List still guards against a racing writer.
            throw new BlobAlreadyExistsException($"Put Block List '{resource}' failed: 409 {StorageErrorCodes.BlobAlreadyExists}: the blob exists.");
        }

        var uploadId = RandomNumberGenerator.GetBytes(16);
        var ids = new List<string>();
        var inFlight = new List<Task>();
        long total = 0;
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(_pipeline.Options.MaxConcurrency);
        try
        {
            while (true)
            {
                await slots.WaitAsync(failure.Token).ConfigureAwait(false);
                var block = await nextBlock(failure.Token).ConfigureAwait(false);
                if (block is null)
                {
                    break;
                }

                var id = BlockId(uploadId, ids.Count);
                ids.Add(id);
                total += block.Memory.Length;
                inFlight.Add(PutBlockAsync(uri, resource, id, block, slots, failure));
            }

            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch (Exception) when (inFlight.Count > 0)
        {
            await failure.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(inFlight).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);

            // Report the block failure that started the cancellation, not the cancellations it caused.
            var cause = inFlight.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault();
            if (cause is not null && !cancellationToken.IsCancellationRequested)
            {
                ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }

        var list = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in ids)
        {
            list.Append("<Latest>").Append(id).Append("</Latest>");
        }

        var request = new StorageRequest(HttpMethod.Put, uri, "Put Block List", resource)
            .Query("comp", "blocklist")
            .Header("x-ms-blob-content-type", options.ContentType ?? "application/octet-stream")
            .Header("If-None-Match", options.CreateOnly ? "*" : null)
            .Metadata(options.Metadata)
            .Xml(list.Append("</BlockList>").ToString());
        using var response = await SendWriteAsync(request, options.CreateOnly, cancellationToken).ConfigureAwait(false);
        return new BlobUploadResult(BlobHttp.ETag(response), total);
    }

    private async Task PutBlockAsync(Uri uri, string resource, string id, UploadBlock block, SemaphoreSlim slots, CancellationTokenSource failure)
    {
        try
        {
            var request = new StorageRequest(HttpMethod.Put, uri, "Put Block", resource)
                .Query("comp", "block")
                .Query("blockid", id)
                .Content(block.Memory, "application/octet-stream");
            using var response = await _pipeline.SendCheckedAsync(request, failure.Token).ConfigureAwait(false);
        }
        catch
        {
            await failure.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            block.Dispose();
            slots.Release();
        }
    }

    private async Task<bool> ExistsAtAsync(Uri uri, string resource, CancellationToken cancellationToken)
    {
        var request = new StorageRequest(HttpMethod.Head, uri, "Get Blob Properties", resource);
        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Block ids must have one length per blob: 16 random upload bytes + a 4-byte index, base64.</summary>
    private static string BlockId(byte[] uploadId, int index)
    {
        Span<byte> raw = stackalloc byte[20];
        uploadId.CopyTo(raw);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(raw[16..], index);
        return Convert.ToBase64String(raw);
    }
}
