namespace IcedServerless.Storage;

/// <summary>
/// Block-blob storage the pipeline codes against. Two implementations exist: <see cref="Blobs.AzureBlobStore"/>
/// (the Azure Storage REST protocol, also against Azurite) and <see cref="FileSystem.FileSystemBlobStore"/> (the
/// embedded, zero-dependency default). Both raise the same typed exceptions for the same situations.
/// </summary>
/// <remarks>
/// Container names follow the Azure rules (3–63 characters, lowercase letters, digits and single hyphens); blob
/// names are 1–1024 characters. Both are checked before any I/O and rejected with <see cref="ArgumentException"/>.
/// </remarks>
public interface IBlobStore
{
    /// <summary>Creates the container unless it exists.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when this call created it.</returns>
    Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Uploads a blob from a stream, read once from its current position to its end.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="blobName">Blob name.</param>
    /// <param name="content">The bytes to store; not disposed.</param>
    /// <param name="options">Create-only, content type and metadata; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new blob's ETag and length.</returns>
    /// <exception cref="BlobAlreadyExistsException">Create-only was asked and the blob exists.</exception>
    /// <exception cref="StorageNotFoundException">The container does not exist.</exception>
    Task<BlobUploadResult> UploadAsync(
        string container, string blobName, Stream content, BlobUploadOptions? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>Uploads a blob from memory.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="blobName">Blob name.</param>
    /// <param name="content">The bytes to store.</param>
    /// <param name="options">Create-only, content type and metadata; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new blob's ETag and length.</returns>
    /// <exception cref="BlobAlreadyExistsException">Create-only was asked and the blob exists.</exception>
    /// <exception cref="StorageNotFoundException">The container does not exist.</exception>
    Task<BlobUploadResult> UploadAsync(
        string container, string blobName, ReadOnlyMemory<byte> content, BlobUploadOptions? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>Streams a blob, or a range of it, into <paramref name="destination"/>.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="blobName">Blob name.</param>
    /// <param name="destination">Receives the bytes; not disposed.</param>
    /// <param name="options">Range and size guard; <see langword="null"/> for the whole blob without a guard.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The blob's properties (its full length, not the range length).</returns>
    /// <exception cref="BlobTooLargeException">The bytes to transfer exceed <see cref="BlobDownloadOptions.MaxLength"/>;
    /// nothing was written to <paramref name="destination"/>.</exception>
    /// <exception cref="StorageNotFoundException">The container or blob does not exist.</exception>
    /// <exception cref="StorageException">The range starts at or past the end of the blob (416, InvalidRange).</exception>
    Task<BlobProperties> DownloadToAsync(
        string container, string blobName, Stream destination, BlobDownloadOptions? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>Reads a blob's length, content type, ETag and metadata.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="blobName">Blob name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The properties.</returns>
    /// <exception cref="StorageNotFoundException">The container or blob does not exist.</exception>
    Task<BlobProperties> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken = default);

    /// <summary>Tells whether a blob exists.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="blobName">Blob name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when it exists.</returns>
    Task<bool> ExistsAsync(string container, string blobName, CancellationToken cancellationToken = default);

    /// <summary>Replaces all metadata of an existing blob.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="blobName">Blob name.</param>
    /// <param name="metadata">The new metadata (names are C# identifiers, values printable ASCII).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The blob's new ETag.</returns>
    /// <exception cref="StorageNotFoundException">The container or blob does not exist.</exception>
    Task<string> SetMetadataAsync(
        string container, string blobName, IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes a blob if it exists.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="blobName">Blob name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when this call deleted it.</returns>
    Task<bool> DeleteIfExistsAsync(string container, string blobName, CancellationToken cancellationToken = default);

    /// <summary>Lists one page of blobs whose names start with <paramref name="prefix"/>, in ordinal name order.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="prefix">Name prefix, or <see langword="null"/> for all.</param>
    /// <param name="continuationToken">The token of the previous page, or <see langword="null"/> for the first.</param>
    /// <param name="pageSize">At most this many items (1–5000); <see langword="null"/> for 5000.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page and the token for the next one.</returns>
    /// <exception cref="StorageNotFoundException">The container does not exist.</exception>
    Task<BlobPage> ListBlobsAsync(
        string container, string? prefix = null, string? continuationToken = null, int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a URI that grants <paramref name="permissions"/> on one blob until <paramref name="expiresOn"/>
    /// to whoever holds it: an Azure service SAS (account key), a user-delegation SAS (bearer credentials), or,
    /// for the embedded store, a locally signed token checked by <see cref="FileSystem.LocalBlobSas"/>.
    /// </summary>
    /// <param name="container">Container name.</param>
    /// <param name="blobName">Blob name.</param>
    /// <param name="permissions"><see cref="BlobSasPermissions.Read"/> alone, or any of Create and Write.</param>
    /// <param name="expiresOn">When the grant ends.</param>
    /// <param name="cancellationToken">Cancels the operation (a user-delegation key may be fetched).</param>
    /// <returns>The blob URI carrying the grant.</returns>
    /// <exception cref="ArgumentException">The permissions mix Read with Create/Write, or are empty.</exception>
    /// <exception cref="InvalidOperationException">The credentials cannot sign (a store opened with a SAS token).</exception>
    Task<Uri> CreateSasUriAsync(
        string container, string blobName, BlobSasPermissions permissions, DateTimeOffset expiresOn,
        CancellationToken cancellationToken = default);
}
