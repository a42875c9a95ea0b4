using System.Text.Json;
using IcedServerless.Contracts;
using IcedServerless.Storage;

namespace IcedServerless.Functions.Jobs;

/// <summary>Small JSON documents (manifests) in blobs: written create-only, read with a size cap.</summary>
internal static class BlobJson
{
    /// <summary>The largest JSON document the app writes or reads back.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Writes <paramref name="value"/> unless the blob exists.</summary>
    /// <returns><see langword="true"/> when this call created it.</returns>
    public static async Task<bool> CreateAsync<T>(
        IBlobStore blobs, string container, string name, T value, IReadOnlyDictionary<string, string>? metadata,
        CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, ContractJson.Options);
        try
        {
            await blobs.UploadAsync(
                container, name, bytes,
                new BlobUploadOptions { CreateOnly = true, ContentType = "application/json", Metadata = metadata },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (BlobAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>Reads a document, or <see langword="null"/> when the blob does not exist.</summary>
    /// <exception cref="InvalidDataException">The blob is not the expected JSON.</exception>
    public static async Task<T?> ReadAsync<T>(IBlobStore blobs, string container, string name, CancellationToken cancellationToken)
        where T : class
    {
        using var buffer = new MemoryStream();
        try
        {
            await blobs.DownloadToAsync(container, name, buffer, new BlobDownloadOptions { MaxLength = MaxBytes }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ContractJson.Options)
                ?? throw new InvalidDataException($"'{container}/{name}' holds JSON null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{container}/{name}' is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }
}
