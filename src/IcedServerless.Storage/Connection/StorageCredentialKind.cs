namespace IcedServerless.Storage;

/// <summary>How a <see cref="StorageConnection"/> authenticates.</summary>
public enum StorageCredentialKind
{
    /// <summary>SharedKey: each request signed with the account key (Azurite, or accounts with shared keys on).</summary>
    SharedKey,

    /// <summary>A SAS token appended to every request.</summary>
    SasToken,

    /// <summary>Entra ID bearer tokens (managed identity); SAS links are user-delegation SAS.</summary>
    Token,
}
