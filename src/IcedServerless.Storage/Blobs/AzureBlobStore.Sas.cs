using IcedServerless.Storage.Sas;

namespace IcedServerless.Storage.Blobs;

public sealed partial class AzureBlobStore
{
    private UserDelegationKeyCache? _delegationKeys;

    /// <inheritdoc />
    /// <remarks>
    /// SharedKey connections (Azurite) sign an account-key service SAS. Bearer connections (Azure with shared keys
    /// off) fetch a user-delegation key with the bearer token, cache it, and sign a user-delegation SAS.
    /// </remarks>
    public async Task<Uri> CreateSasUriAsync(
        string container, string blobName, BlobSasPermissions permissions, DateTimeOffset expiresOn,
        CancellationToken cancellationToken = default)
    {
        StorageValidation.SasPermissions(permissions, nameof(permissions));
        var uri = BlobUri(container, blobName);
        var letters = StorageValidation.SasPermissionLetters(permissions);
        var connection = _connection ?? throw new InvalidOperationException("This store addresses blobs by SAS URI and cannot sign links.");
        var query = connection.CredentialKind switch
        {
            StorageCredentialKind.SharedKey => BlobSasSigner.ServiceSas(
                connection.AccountName, connection.AccountKey, container, blobName, letters, expiresOn),
            StorageCredentialKind.Token => BlobSasSigner.UserDelegationSas(
                connection.AccountName,
                await DelegationKeys.GetAsync(expiresOn, cancellationToken).ConfigureAwait(false),
                container, blobName, letters, expiresOn),
            _ => throw new InvalidOperationException(
                "A store opened with a SAS token cannot create SAS links; use an account key or a token credential."),
        };
        return new Uri($"{uri}?{query}");
    }

    private UserDelegationKeyCache DelegationKeys =>
        LazyInitializer.EnsureInitialized(ref _delegationKeys, () => new UserDelegationKeyCache(_pipeline, _endpoint));
}
