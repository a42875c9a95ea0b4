using System.Security.Cryptography;
using IcedServerless.Contracts;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.Jobs;
using IcedServerless.Storage;

namespace IcedServerless.Functions.Keys;

/// <summary>
/// Key files and key-set manifests in the keys container: <c>files/{sha256}</c> holds a key file under its own
/// hash (so a Galois key file shared by key sets is stored once), <c>sets/{keySetId}.json</c> a manifest.
/// </summary>
public sealed class KeySetRepository(PipelineStorage storage, PipelineOptions options)
{
    private IBlobStore Blobs => storage.Blobs;

    /// <summary>The blob name of a key file.</summary>
    /// <param name="sha256">Its hash.</param>
    /// <returns>The name.</returns>
    public static string FileBlob(string sha256) => $"files/{sha256}";

    /// <summary>Reads a manifest.</summary>
    /// <param name="keySetId">The key set (validated shape).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The manifest, or <see langword="null"/> when not registered.</returns>
    public Task<KeySetManifest?> GetManifestAsync(string keySetId, CancellationToken cancellationToken) =>
        BlobJson.ReadAsync<KeySetManifest>(Blobs, options.KeysContainer, $"sets/{keySetId}.json", cancellationToken);

    /// <summary>Writes a manifest (idempotent).</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public Task SaveManifestAsync(KeySetManifest manifest, CancellationToken cancellationToken) =>
        BlobJson.CreateAsync(Blobs, options.KeysContainer, $"sets/{manifest.KeySetId}.json", manifest, null, cancellationToken);

    /// <summary>The stored length of a key file, or <see langword="null"/> when it is not uploaded.</summary>
    /// <param name="sha256">The file's hash.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The length.</returns>
    public async Task<long?> GetFileLengthAsync(string sha256, CancellationToken cancellationToken)
    {
        try
        {
            return (await Blobs.GetPropertiesAsync(options.KeysContainer, FileBlob(sha256), cancellationToken).ConfigureAwait(false)).Length;
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Downloads a key file, refusing more than its declared length and checking its hash.</summary>
    /// <param name="file">The declared file.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="InvalidDataException">The stored bytes are not the declared ones.</exception>
    /// <exception cref="StorageNotFoundException">The file is not uploaded.</exception>
    public async Task<byte[]> ReadFileAsync(KeyBlobDescriptor file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        try
        {
            await Blobs.DownloadToAsync(
                options.KeysContainer, FileBlob(file.Sha256), buffer, new BlobDownloadOptions { MaxLength = file.Length }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (BlobTooLargeException e)
        {
            throw new InvalidDataException($"The uploaded key file has {e.Length} bytes, not the declared {file.Length}.", e);
        }

        var bytes = buffer.ToArray();
        if (bytes.Length != file.Length || !string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The uploaded key file ({bytes.Length} bytes) does not have the declared SHA-256 and length.");
        }

        return bytes;
    }

    /// <summary>Deletes a key file whose content did not match its name, so the client can upload it again.</summary>
    /// <param name="sha256">The file's hash.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public Task DeleteFileAsync(string sha256, CancellationToken cancellationToken) =>
        Blobs.DeleteIfExistsAsync(options.KeysContainer, FileBlob(sha256), cancellationToken);

    /// <summary>A create-only upload link for a key file.</summary>
    /// <param name="sha256">The file's hash.</param>
    /// <param name="expiresOn">When the link expires.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The link.</returns>
    public Task<Uri> UploadLinkAsync(string sha256, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        Blobs.CreateSasUriAsync(options.KeysContainer, FileBlob(sha256), BlobSasPermissions.Create, expiresOn, cancellationToken);
}
