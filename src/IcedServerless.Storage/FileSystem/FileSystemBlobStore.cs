using System.Text.Json;

namespace IcedServerless.Storage.FileSystem;

/// <summary>
/// The embedded <see cref="IBlobStore"/>: containers are directories under <c>&lt;root&gt;/blobs</c>. Each blob
/// is an immutable data file per version plus a small JSON commit record (the ".meta" sidecar) that names the
/// current version. Data is written and flushed first; the record is then renamed into place under a
/// per-container lock, so readers, other threads and other processes see either the old blob or the new one,
/// and a crash leaves at worst an orphaned data file. SAS links are signed by <see cref="Sas"/>.
/// </summary>
public sealed partial class FileSystemBlobStore : IBlobStore
{
    private const string LockFile = ".lock";
    private readonly string _blobsRoot;
    private readonly TimeProvider _time;
    private readonly Lazy<LocalBlobSas> _sas;

    /// <summary>Opens (creating if needed) a store under <paramref name="rootPath"/>.</summary>
    /// <param name="rootPath">The store root, shared with <see cref="FileSystemQueueStore"/> if desired.</param>
    /// <param name="sasBaseUri">Where the local HTTP endpoint serves blobs (SAS links point there); a loopback
    /// placeholder when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public FileSystemBlobStore(string rootPath, Uri? sasBaseUri = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootPath);
        RootPath = Path.GetFullPath(rootPath);
        _blobsRoot = Path.Combine(RootPath, "blobs");
        Directory.CreateDirectory(_blobsRoot);
        _time = timeProvider ?? TimeProvider.System;
        var baseUri = sasBaseUri ?? new Uri("http://127.0.0.1:7071/blobs/");
        _sas = new Lazy<LocalBlobSas>(() => LocalBlobSas.ForStoreRoot(RootPath, baseUri, _time));
    }

    /// <summary>The store root.</summary>
    public string RootPath { get; }

    /// <summary>The SAS signer and validator for this store (its key lives in the root as <c>sas.key</c>).</summary>
    public LocalBlobSas Sas => _sas.Value;

    /// <inheritdoc />
    public Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default)
    {
        StorageValidation.ResourceName(container, "container", nameof(container));
        return Task.FromResult(AtomicFile.CreateDirectory(Path.Combine(_blobsRoot, container)));
    }

    /// <inheritdoc />
    public Task<BlobProperties> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        var (_, record) = ReadExisting(container, blobName);
        return Task.FromResult(ToProperties(record));
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        if (!ContainerExists(container, blobName))
        {
            return Task.FromResult(false);
        }

        var (directory, encoded) = Locate(container, blobName);
        return Task.FromResult(ReadRecord(directory, encoded) is not null);
    }

    /// <inheritdoc />
    public async Task<string> SetMetadataAsync(
        string container, string blobName, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        StorageValidation.Metadata(metadata, nameof(metadata));
        var (directory, encoded) = Locate(container, blobName);
        using var held = await LockContainerAsync(directory, container, cancellationToken).ConfigureAwait(false);
        var record = ReadRecord(directory, encoded) ?? throw BlobNotFound(container, blobName);
        var updated = record with { ETag = NewETag(), LastModified = _time.GetUtcNow(), Metadata = CopyMetadata(metadata) };
        WriteRecord(directory, encoded, updated, overwrite: true);
        return updated.ETag;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteIfExistsAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        if (!ContainerExists(container, blobName))
        {
            return false;
        }

        var (directory, encoded) = Locate(container, blobName);
        BlobRecord? record;
        using (await LockContainerAsync(directory, container, cancellationToken).ConfigureAwait(false))
        {
            record = ReadRecord(directory, encoded);
            if (record is null)
            {
                return false;
            }

            File.Delete(MetaPath(directory, encoded));
        }

        // Outside the lock: readers that already opened the data file keep reading it (Unix unlink semantics).
        File.Delete(Path.Combine(directory, BlobFileNames.DataFile(encoded, record.Version)));
        return true;
    }

    /// <summary>Validates the names and tells whether the container exists (Azure answers "no blob" either way).</summary>
    private bool ContainerExists(string container, string blobName)
    {
        StorageValidation.ResourceName(container, "container", nameof(container));
        StorageValidation.BlobName(blobName, nameof(blobName));
        return Directory.Exists(Path.Combine(_blobsRoot, container));
    }

    private (string Directory, string Encoded) Locate(string container, string blobName)
    {
        StorageValidation.ResourceName(container, "container", nameof(container));
        StorageValidation.BlobName(blobName, nameof(blobName));
        var directory = Path.Combine(_blobsRoot, container);
        if (!Directory.Exists(directory))
        {
            throw new StorageNotFoundException(StorageErrorCodes.ContainerNotFound, $"Container '{container}' does not exist.");
        }

        return (directory, BlobFileNames.Encode(blobName));
    }

    private (string Directory, BlobRecord Record) ReadExisting(string container, string blobName)
    {
        var (directory, encoded) = Locate(container, blobName);
        return (directory, ReadRecord(directory, encoded) ?? throw BlobNotFound(container, blobName));
    }

    private static StorageNotFoundException BlobNotFound(string container, string blobName) =>
        new(StorageErrorCodes.BlobNotFound, $"Blob '{container}/{blobName}' does not exist.");

    private static Task<FileLock> LockContainerAsync(string directory, string container, CancellationToken cancellationToken) =>
        Directory.Exists(directory)
            ? FileLock.AcquireAsync(Path.Combine(directory, LockFile), cancellationToken)
            : throw new StorageNotFoundException(StorageErrorCodes.ContainerNotFound, $"Container '{container}' does not exist.");

    private static string MetaPath(string directory, string encoded) => Path.Combine(directory, encoded + BlobFileNames.MetaSuffix);

    private static BlobRecord? ReadRecord(string directory, string encoded)
    {
        var bytes = AtomicFile.TryRead(MetaPath(directory, encoded));
        return bytes is null ? null : JsonSerializer.Deserialize(bytes, FileStoreJson.Default.BlobRecord);
    }

    private static bool WriteRecord(string directory, string encoded, BlobRecord record, bool overwrite) =>
        AtomicFile.Write(MetaPath(directory, encoded), JsonSerializer.SerializeToUtf8Bytes(record, FileStoreJson.Default.BlobRecord), overwrite);

    private static BlobProperties ToProperties(BlobRecord record) =>
        new(record.Name, record.Length, record.ContentType, record.ETag, record.LastModified, CopyMetadata(record.Metadata));

    private static Dictionary<string, string> CopyMetadata(IReadOnlyDictionary<string, string>? metadata) =>
        new(metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);

    private static string NewETag() => $"\"0x{Guid.NewGuid():N}\"";
}
