namespace IcedServerless.Storage;

/// <summary>Adds credentials to a request just before it is sent (once per attempt).</summary>
internal interface IRequestAuthorizer
{
    /// <summary>Signs or otherwise authorizes <paramref name="request"/>.</summary>
    ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}

/// <summary>Picks the authorizer for a connection.</summary>
internal static class RequestAuthorizer
{
    /// <summary>The authorizer matching the connection's credential kind.</summary>
    public static IRequestAuthorizer For(StorageConnection connection, TimeProvider time) => connection.CredentialKind switch
    {
        StorageCredentialKind.SharedKey => new SharedKeyAuthorizer(connection.AccountName, connection.AccountKey.ToArray()),
        StorageCredentialKind.SasToken => new SasTokenAuthorizer(connection.SasToken!),
        StorageCredentialKind.Token => new BearerTokenAuthorizer(connection.TokenCredential!, time),
        _ => throw new ArgumentOutOfRangeException(nameof(connection)),
    };
}
