using IcedServerless.Storage;
using IcedServerless.Storage.Blobs;
using IcedServerless.Storage.FileSystem;
using IcedServerless.Storage.Queues;

namespace IcedServerless.Functions.Configuration;

/// <summary>
/// The blob and queue stores the pipeline uses. For the embedded store the upload/download links point at this
/// app's own <c>/local-blobs/</c> endpoint, whose address is known only once the server listens, so the stores
/// are created on first use (always after start-up).
/// </summary>
public sealed class PipelineStorage : IDisposable
{
    /// <summary>The path under which the app serves embedded-store blobs to link holders.</summary>
    public const string LocalBlobsPath = "/local-blobs/";

    private readonly StorageSettings _settings;
    private readonly Func<Uri> _publicBaseUri;
    private readonly Lazy<(IBlobStore Blobs, IQueueStore Queues)> _stores;

    /// <summary>Creates the accessor.</summary>
    /// <param name="settings">Where storage is.</param>
    /// <param name="publicBaseUri">The app's public base URI (for embedded-store links), asked once on first use.</param>
    public PipelineStorage(StorageSettings settings, Func<Uri> publicBaseUri)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        _settings = settings;
        _publicBaseUri = publicBaseUri;
        _stores = new Lazy<(IBlobStore, IQueueStore)>(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether the embedded file-system store is in use.</summary>
    public bool IsEmbedded => _settings.IsEmbedded;

    /// <summary>The blob store.</summary>
    public IBlobStore Blobs => _stores.Value.Blobs;

    /// <summary>The queue store.</summary>
    public IQueueStore Queues => _stores.Value.Queues;

    /// <summary>The link validator of the embedded store.</summary>
    /// <exception cref="InvalidOperationException">The store is not the embedded one.</exception>
    public LocalBlobSas LocalSas => Blobs is FileSystemBlobStore local
        ? local.Sas
        : throw new InvalidOperationException("Local blob links exist only with the embedded store.");

    /// <summary>Disposes the REST stores' HTTP clients.</summary>
    public void Dispose()
    {
        if (_stores.IsValueCreated)
        {
            (_stores.Value.Blobs as IDisposable)?.Dispose();
            (_stores.Value.Queues as IDisposable)?.Dispose();
        }
    }

    private (IBlobStore, IQueueStore) Create()
    {
        if (_settings.Azure is { } connection)
        {
            return (new AzureBlobStore(connection), new AzureQueueStore(connection));
        }

        var sasBase = new Uri(_publicBaseUri(), LocalBlobsPath);
        return (new FileSystemBlobStore(_settings.EmbeddedRoot, sasBase), new FileSystemQueueStore(_settings.EmbeddedRoot));
    }
}
