using System.Runtime.CompilerServices;
using System.Text;

namespace IcedServerless.Storage;

/// <summary>Conveniences written once over the interfaces, so both implementations share them.</summary>
public static class StoreExtensions
{
    /// <summary>Enumerates every blob under a prefix, following continuation tokens page by page.</summary>
    /// <param name="store">The store.</param>
    /// <param name="container">Container name.</param>
    /// <param name="prefix">Name prefix, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The blobs in ordinal name order.</returns>
    public static async IAsyncEnumerable<BlobProperties> ListAllBlobsAsync(
        this IBlobStore store, string container, string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        string? token = null;
        do
        {
            var page = await store.ListBlobsAsync(container, prefix, token, null, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>Downloads a whole blob into memory, refusing (before reading) one larger than <paramref name="maxLength"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="container">Container name.</param>
    /// <param name="blobName">Blob name.</param>
    /// <param name="maxLength">The most bytes accepted; required, because blob sizes are not trusted.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="BlobTooLargeException">The blob is larger than <paramref name="maxLength"/>.</exception>
    /// <exception cref="StorageNotFoundException">The container or blob does not exist.</exception>
    public static async Task<byte[]> DownloadBytesAsync(
        this IBlobStore store, string container, string blobName, long maxLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        using var buffer = new MemoryStream();
        await store.DownloadToAsync(container, blobName, buffer, new BlobDownloadOptions { MaxLength = maxLength }, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>Enqueues UTF-8 text (typically JSON pointing at a blob).</summary>
    /// <param name="store">The store.</param>
    /// <param name="queue">Queue name.</param>
    /// <param name="text">The text; at most <see cref="QueueLimits.MaxMessageBytes"/> bytes as UTF-8.</param>
    /// <param name="options">Initial invisibility and time to live.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new message's receipt.</returns>
    public static Task<SendReceipt> SendTextAsync(
        this IQueueStore store, string queue, string text, QueueSendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(text);
        return store.SendMessageAsync(queue, Encoding.UTF8.GetBytes(text), options, cancellationToken);
    }
}
