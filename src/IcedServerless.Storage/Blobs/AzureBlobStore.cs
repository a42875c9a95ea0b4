using System.Net;

namespace IcedServerless.Storage.Blobs;

/// <summary>
/// <see cref="IBlobStore"/> over the Azure Blob REST protocol (works against Azure and Azurite). Thread-safe;
/// create one per account and reuse it. Authentication follows the <see cref="StorageConnection"/>: SharedKey,
/// SAS token or bearer tokens. Transient failures are retried per <see cref="StorageClientOptions"/>.
/// </summary>
public sealed partial class AzureBlobStore : IBlobStore, IDisposable
{
    // Null only for the URI-addressed store inside SasBlobClient, which never signs SAS links.
    private readonly StorageConnection? _connection;
    private readonly StoragePipeline _pipeline;
    // The endpoint as text without a trailing '/': Uri.ToString() adds one to a bare host, which would double it.
    private readonly string _endpoint;

    /// <summary>Creates the store.</summary>
    /// <param name="connection">Account, endpoint and credentials; must have a blob endpoint.</param>
    /// <param name="options">Retry and transfer settings; <see langword="null"/> for defaults.</param>
    /// <param name="httpClient">An HttpClient to use (e.g. from IHttpClientFactory); <see langword="null"/> to own one.
    /// A supplied client is not disposed by the store.</param>
    /// <exception cref="ArgumentException">The connection has no blob endpoint.</exception>
    public AzureBlobStore(StorageConnection connection, StorageClientOptions? options = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _endpoint = (connection.BlobEndpoint
            ?? throw new ArgumentException("The storage connection has no blob endpoint.", nameof(connection))).AbsoluteUri.TrimEnd('/');
        options ??= new StorageClientOptions();
        _pipeline = new StoragePipeline(httpClient, RequestAuthorizer.For(connection, options.TimeProvider), options);
    }

    /// <summary>A store around an existing pipeline, for clients that address blobs by (SAS) URI.</summary>
    internal AzureBlobStore(StoragePipeline pipeline)
    {
        _endpoint = string.Empty;
        _pipeline = pipeline;
    }

    /// <inheritdoc />
    public async Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default)
    {
        StorageValidation.ResourceName(container, "container", nameof(container));
        var request = new StorageRequest(HttpMethod.Put, ContainerUri(container), "Create Container", container)
            .Query("restype", "container");
        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);

        // Only "already exists" means success; other conflicts (e.g. ContainerBeingDeleted) are errors.
        if (response.StatusCode == HttpStatusCode.Conflict && StorageErrors.Header(response, "x-ms-error-code") == "ContainerAlreadyExists")
        {
            return false;
        }

        await EnsureSuccessAsync(response, request, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<BlobProperties> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        var request = new StorageRequest(HttpMethod.Head, BlobUri(container, blobName), "Get Blob Properties", $"{container}/{blobName}");
        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, request, cancellationToken).ConfigureAwait(false);
        return BlobHttp.Properties(response, blobName);
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        try
        {
            await GetPropertiesAsync(container, blobName, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageNotFoundException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<string> SetMetadataAsync(
        string container, string blobName, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        StorageValidation.Metadata(metadata, nameof(metadata));
        var request = new StorageRequest(HttpMethod.Put, BlobUri(container, blobName), "Set Blob Metadata", $"{container}/{blobName}")
            .Query("comp", "metadata")
            .Metadata(metadata);
        using var response = await _pipeline.SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        return BlobHttp.ETag(response);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteIfExistsAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        var request = new StorageRequest(HttpMethod.Delete, BlobUri(container, blobName), "Delete Blob", $"{container}/{blobName}");
        using var response = await _pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, request, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _pipeline.Dispose();

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, StorageRequest request, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await StorageErrors.FromResponseAsync(response, request, cancellationToken).ConfigureAwait(false);
        }
    }

    private Uri ContainerUri(string container) => new($"{_endpoint}/{container}");

    private Uri BlobUri(string container, string blobName)
    {
        StorageValidation.ResourceName(container, "container", nameof(container));
        StorageValidation.BlobName(blobName, nameof(blobName));
        return new Uri($"{_endpoint}/{container}/{EscapeBlobName(blobName)}");
    }

    /// <summary>Escapes each '/'-separated segment; the separators stay, as the service expects.</summary>
    internal static string EscapeBlobName(string blobName) =>
        string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));
}
