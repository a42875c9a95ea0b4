using System.Buffers;

namespace IcedServerless.Storage.FileSystem;

public sealed partial class FileSystemBlobStore
{
    private const int CopyBufferSize = 81_920;

    /// <inheritdoc />
    public Task<BlobUploadResult> UploadAsync(
        string container, string blobName, ReadOnlyMemory<byte> content, BlobUploadOptions? options = null,
        CancellationToken cancellationToken = default) =>
        UploadCoreAsync(container, blobName, options, (file, ct) => file.WriteAsync(content, ct), cancellationToken);

    /// <inheritdoc />
    public Task<BlobUploadResult> UploadAsync(
        string container, string blobName, Stream content, BlobUploadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return UploadCoreAsync(container, blobName, options, (file, ct) => new ValueTask(content.CopyToAsync(file, CopyBufferSize, ct)), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<BlobProperties> DownloadToAsync(
        string container, string blobName, Stream destination, BlobDownloadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        options ??= new BlobDownloadOptions();

        // A concurrent overwrite may delete the version just read from the record; re-read the record then.
        for (var attempt = 0; ; attempt++)
        {
            var (directory, record) = ReadExisting(container, blobName);
            FileStream data;
            try
            {
                data = new FileStream(
                    Path.Combine(directory, BlobFileNames.DataFile(BlobFileNames.Encode(blobName), record.Version)),
                    FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, CopyBufferSize, useAsync: true);
            }
            catch (FileNotFoundException) when (attempt < 3)
            {
                continue;
            }

            await using (data.ConfigureAwait(false))
            {
                var (offset, count) = ResolveRange(container, blobName, record.Length, options);
                data.Seek(offset, SeekOrigin.Begin);
                await CopyAsync(data, destination, count, cancellationToken).ConfigureAwait(false);
                return ToProperties(record);
            }
        }
    }

    private async Task<BlobUploadResult> UploadCoreAsync(
        string container, string blobName, BlobUploadOptions? options, Func<FileStream, CancellationToken, ValueTask> write,
        CancellationToken cancellationToken)
    {
        options ??= new BlobUploadOptions();
        StorageValidation.UploadOptions(options, nameof(options));
        var (directory, encoded) = Locate(container, blobName);
        if (options.CreateOnly && ReadRecord(directory, encoded) is not null)
        {
            throw AlreadyExists(container, blobName);
        }

        // 1. The bytes go to a data file of their own, flushed to disk before anything points at it.
        var version = Guid.NewGuid().ToString("N");
        var dataPath = Path.Combine(directory, BlobFileNames.DataFile(encoded, version));
        long length;
        var committed = false;
        try
        {
            await using (var file = new FileStream(dataPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true))
            {
                await write(file, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                length = file.Length;
            }

            // 2. The commit record is renamed into place under the container lock; create-only checks there.
            var record = new BlobRecord(
                blobName, version, length, options.ContentType ?? "application/octet-stream", NewETag(), _time.GetUtcNow(),
                CopyMetadata(options.Metadata));
            BlobRecord? previous;
            using (await LockContainerAsync(directory, container, cancellationToken).ConfigureAwait(false))
            {
                previous = ReadRecord(directory, encoded);
                if (!WriteRecord(directory, encoded, record, overwrite: !options.CreateOnly))
                {
                    throw AlreadyExists(container, blobName);
                }

                committed = true;
            }

            // 3. The replaced version is garbage now; readers that hold it open keep reading it.
            if (previous is not null)
            {
                File.Delete(Path.Combine(directory, BlobFileNames.DataFile(encoded, previous.Version)));
            }

            return new BlobUploadResult(record.ETag, length);
        }
        finally
        {
            if (!committed)
            {
                File.Delete(dataPath);
            }
        }
    }

    private static (long Offset, long Count) ResolveRange(string container, string blobName, long length, BlobDownloadOptions options)
    {
        if (options.Range is not { } range)
        {
            return Guard(0, length);
        }

        if (range.Offset >= length)
        {
            throw new StorageException(416, StorageErrorCodes.InvalidRange,
                $"Get Blob '{container}/{blobName}' failed: 416 InvalidRange: the range starts at {range.Offset}, the blob has {length} bytes.");
        }

        return Guard(range.Offset, Math.Min(length - range.Offset, range.Length ?? long.MaxValue));

        (long, long) Guard(long offset, long count) =>
            options.MaxLength is { } max && count > max ? throw new BlobTooLargeException($"{container}/{blobName}", count, max) : (offset, count);
    }

    private static async Task CopyAsync(Stream source, Stream destination, long count, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            while (count > 0)
            {
                var n = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new StorageException(500, "InternalError", "A blob data file is shorter than its record says; the store is damaged.");
                }

                await destination.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                count -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static BlobAlreadyExistsException AlreadyExists(string container, string blobName) =>
        new($"Put Blob '{container}/{blobName}' failed: 409 {StorageErrorCodes.BlobAlreadyExists}: the blob exists.");
}
