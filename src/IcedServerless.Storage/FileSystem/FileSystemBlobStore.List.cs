using System.Buffers.Text;
using System.Text;

namespace IcedServerless.Storage.FileSystem;

public sealed partial class FileSystemBlobStore
{
    private const int MaxPageSize = 5000;

    /// <inheritdoc />
    /// <remarks>The continuation token is the last name returned (base64url), so paging is stable under inserts.</remarks>
    public Task<BlobPage> ListBlobsAsync(
        string container, string? prefix = null, string? continuationToken = null, int? pageSize = null,
        CancellationToken cancellationToken = default)
    {
        StorageValidation.ResourceName(container, "container", nameof(container));
        var size = pageSize ?? MaxPageSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(pageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxPageSize, nameof(pageSize));
        var directory = Path.Combine(_blobsRoot, container);
        if (!Directory.Exists(directory))
        {
            throw new StorageNotFoundException(StorageErrorCodes.ContainerNotFound, $"Container '{container}' does not exist.");
        }

        var after = continuationToken is null ? null : DecodeToken(continuationToken);
        var names = Directory.EnumerateFiles(directory, "*" + BlobFileNames.MetaSuffix)
            .Select(path => Path.GetFileName(path)[..^BlobFileNames.MetaSuffix.Length])
            .Where(encoded => !encoded.StartsWith('.'))
            .Select(encoded => (Encoded: encoded, Name: BlobFileNames.Decode(encoded)))
            .Where(e => (prefix is null || e.Name.StartsWith(prefix, StringComparison.Ordinal))
                && (after is null || string.CompareOrdinal(e.Name, after) > 0))
            .OrderBy(e => e.Name, StringComparer.Ordinal);

        var items = new List<BlobProperties>(Math.Min(size, 256));
        string? next = null;
        foreach (var (encoded, name) in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (items.Count == size)
            {
                next = EncodeToken(items[^1].Name);
                break;
            }

            // Deleted between listing and reading: simply not part of this page.
            if (ReadRecord(directory, encoded) is { } record)
            {
                items.Add(ToProperties(record));
            }
        }

        return Task.FromResult(new BlobPage(items, next));
    }

    private static string EncodeToken(string name) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(name));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The continuation token was not produced by this store.", nameof(token), e);
        }
    }
}
