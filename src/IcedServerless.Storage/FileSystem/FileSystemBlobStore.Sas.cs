namespace IcedServerless.Storage.FileSystem;

public sealed partial class FileSystemBlobStore
{
    /// <inheritdoc />
    /// <remarks>The link points under the base URI given at construction; validate requests with <see cref="Sas"/>.</remarks>
    public Task<Uri> CreateSasUriAsync(
        string container, string blobName, BlobSasPermissions permissions, DateTimeOffset expiresOn,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(Sas.CreateUri(container, blobName, permissions, expiresOn));
}
