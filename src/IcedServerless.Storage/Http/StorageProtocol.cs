namespace IcedServerless.Storage;

/// <summary>Protocol constants, in one place so they can be changed together.</summary>
internal static class StorageProtocol
{
    /// <summary>
    /// The <c>x-ms-version</c> of every request and the <c>sv</c> of account-key SAS. Verified against Azurite
    /// (3.35 accepts it natively) and a GA service version; 2024-11-04 also works with older emulators.
    /// </summary>
    public const string Version = "2025-11-05";

    /// <summary>
    /// The <c>sv</c> of user-delegation SAS: from 2025-07-05 on, the string to sign gains two more fields, so this
    /// older, equally valid version keeps the 24-field layout.
    /// </summary>
    public const string UserDelegationSasVersion = "2024-11-04";

    /// <summary>The Entra ID scope for Azure Storage.</summary>
    public const string TokenScope = "https://storage.azure.com/.default";

    /// <summary>The SAS time format (UTC, seconds).</summary>
    public const string SasTimeFormat = "yyyy-MM-ddTHH:mm:ssZ";
}
