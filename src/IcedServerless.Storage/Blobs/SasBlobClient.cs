namespace IcedServerless.Storage.Blobs;

/// <summary>
/// Uploads to or downloads from one blob through an Azure SAS link (account-key or user-delegation), as the
/// hospital client does with the links the backend hands out. Same transfer engine as
/// <see cref="AzureBlobStore"/>: block uploads above the threshold, bounded parallelism, retries, resumable
/// downloads with a size guard. The link is never written into exception messages.
/// </summary>
public sealed class SasBlobClient : IDisposable
{
    private readonly AzureBlobStore _engine;
    private readonly StoragePipeline _pipeline;
    private readonly Uri _sasUri;
    private readonly string _resource;

    /// <summary>Creates a client for one link.</summary>
    /// <param name="sasUri">The blob URI with its SAS query (<c>sig</c> required).</param>
    /// <param name="options">Retry and transfer settings; <see langword="null"/> for defaults.</param>
    /// <param name="httpClient">An HttpClient to use; <see langword="null"/> to own one. A supplied client is not disposed.</param>
    /// <exception cref="ArgumentException">The URI is not an absolute http(s) URI carrying a SAS signature.</exception>
    public SasBlobClient(Uri sasUri, StorageClientOptions? options = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(sasUri);
        if (!sasUri.IsAbsoluteUri || sasUri.Scheme is not ("http" or "https") || !sasUri.Query.Contains("sig=", StringComparison.Ordinal))
        {
            throw new ArgumentException("Expected an absolute http(s) blob URI with a SAS query (sig=...).", nameof(sasUri));
        }

        _sasUri = sasUri;
        _resource = Uri.UnescapeDataString(sasUri.AbsolutePath.TrimStart('/'));
        _pipeline = new StoragePipeline(httpClient, AnonymousAuthorizer.Instance, options ?? new StorageClientOptions());
        _engine = new AzureBlobStore(_pipeline);
    }

    /// <summary>Uploads from memory (needs a link with create and/or write).</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="options">Create-only, content type and metadata.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The ETag and length.</returns>
    /// <exception cref="BlobAlreadyExistsException">Create-only was asked and the blob exists.</exception>
    /// <exception cref="StorageException">The link does not allow writing (403) or has expired.</exception>
    public Task<BlobUploadResult> UploadAsync(ReadOnlyMemory<byte> content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default) =>
        _engine.UploadToAsync(_sasUri, _resource, content, options, cancellationToken);

    /// <summary>Uploads a stream, from its position to its end (needs a link with create and/or write).</summary>
    /// <param name="content">The bytes; not disposed.</param>
    /// <param name="options">Create-only, content type and metadata.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The ETag and length.</returns>
    /// <exception cref="BlobAlreadyExistsException">Create-only was asked and the blob exists.</exception>
    /// <exception cref="StorageException">The link does not allow writing (403) or has expired.</exception>
    public Task<BlobUploadResult> UploadAsync(Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return _engine.UploadToAsync(_sasUri, _resource, content, options, cancellationToken);
    }

    /// <summary>Streams the blob, or a range of it, into <paramref name="destination"/> (needs a read link).</summary>
    /// <param name="destination">Receives the bytes; not disposed.</param>
    /// <param name="options">Range and size guard.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The blob's properties; <see cref="BlobProperties.Name"/> is the unescaped URI path.</returns>
    /// <exception cref="BlobTooLargeException">More bytes than <see cref="BlobDownloadOptions.MaxLength"/>; nothing was read.</exception>
    /// <exception cref="StorageException">The link does not allow reading (403), has expired, or the blob is missing (404).</exception>
    public Task<BlobProperties> DownloadToAsync(Stream destination, BlobDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return _engine.DownloadFromAsync(_sasUri, _resource, _resource, destination, options, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _pipeline.Dispose();
}
