using Azure.Core;

namespace IcedServerless.Storage;

/// <summary>
/// Where a storage account is and how to authenticate to it: SharedKey (account key), a SAS token, or Entra ID
/// bearer tokens from an <see cref="Azure.Core.TokenCredential"/> (managed identity in Azure, where shared keys are off).
/// Parse a connection string with <see cref="Parse"/>, or build a bearer connection with
/// <see cref="FromTokenCredential(string, TokenCredential, string)"/>. <see cref="ToString"/> never prints a secret.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The public, well-known Azurite account name.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The public, well-known Azurite account key (emulator only; published by Microsoft).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly byte[]? _accountKey;

    private StorageConnection(
        string accountName, Uri? blobEndpoint, Uri? queueEndpoint, StorageCredentialKind kind,
        byte[]? accountKey, string? sasToken, TokenCredential? tokenCredential)
    {
        AccountName = accountName;
        BlobEndpoint = blobEndpoint is null ? null : TrimSlash(blobEndpoint);
        QueueEndpoint = queueEndpoint is null ? null : TrimSlash(queueEndpoint);
        CredentialKind = kind;
        _accountKey = accountKey;
        SasToken = sasToken;
        TokenCredential = tokenCredential;
    }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <summary>The blob service endpoint (no trailing slash), or <see langword="null"/> when not configured.</summary>
    public Uri? BlobEndpoint { get; }

    /// <summary>The queue service endpoint (no trailing slash), or <see langword="null"/> when not configured.</summary>
    public Uri? QueueEndpoint { get; }

    /// <summary>How requests are authenticated.</summary>
    public StorageCredentialKind CredentialKind { get; }

    /// <summary>The decoded account key (SharedKey connections only).</summary>
    internal ReadOnlySpan<byte> AccountKey => _accountKey;

    /// <summary>The SAS token without a leading '?' (SAS connections only).</summary>
    internal string? SasToken { get; }

    /// <summary>The bearer token source (token connections only).</summary>
    internal TokenCredential? TokenCredential { get; }

    /// <summary>The Azurite connection that <c>UseDevelopmentStorage=true</c> stands for (127.0.0.1:10000/10001).</summary>
    public static StorageConnection DevelopmentStorage { get; } = ForAzurite(10000, 10001);

    /// <summary>An Azurite connection on other loopback ports, with the well-known account and key.</summary>
    /// <param name="blobPort">The blob service port.</param>
    /// <param name="queuePort">The queue service port.</param>
    /// <param name="host">The host; 127.0.0.1 unless Azurite listens elsewhere.</param>
    /// <returns>The connection.</returns>
    public static StorageConnection ForAzurite(int blobPort, int queuePort, string host = "127.0.0.1") =>
        new(DevelopmentAccountName,
            new Uri($"http://{host}:{blobPort}/{DevelopmentAccountName}"),
            new Uri($"http://{host}:{queuePort}/{DevelopmentAccountName}"),
            StorageCredentialKind.SharedKey, Convert.FromBase64String(DevelopmentAccountKey), null, null);

    /// <summary>
    /// Parses an Azure Storage connection string: <c>UseDevelopmentStorage=true</c>, or <c>AccountName</c> with
    /// <c>AccountKey</c> or <c>SharedAccessSignature</c>, plus optional <c>DefaultEndpointsProtocol</c>,
    /// <c>EndpointSuffix</c>, <c>BlobEndpoint</c> and <c>QueueEndpoint</c>. Keys are case-insensitive.
    /// </summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="FormatException">The string is malformed or incomplete; the message never echoes a secret.</exception>
    public static StorageConnection Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = ConnectionStringParser.Split(connectionString);
        if (parts.TryGetValue("UseDevelopmentStorage", out var dev))
        {
            if (!string.Equals(dev, "true", StringComparison.OrdinalIgnoreCase) || parts.Count != 1)
            {
                throw new FormatException("UseDevelopmentStorage must be 'true' and must be the only setting in the connection string.");
            }

            return DevelopmentStorage;
        }

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException($"DefaultEndpointsProtocol must be 'http' or 'https', not '{protocol}'.");
        }

        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        parts.TryGetValue("AccountName", out var account);
        var blob = ConnectionStringParser.Endpoint(parts, "BlobEndpoint", protocol, account, "blob", suffix);
        var queue = ConnectionStringParser.Endpoint(parts, "QueueEndpoint", protocol, account, "queue", suffix);
        if (blob is null && queue is null)
        {
            throw new FormatException("The connection string names no account: give AccountName, or BlobEndpoint/QueueEndpoint.");
        }

        account ??= InferAccountName(blob ?? queue!);
        var hasKey = parts.TryGetValue("AccountKey", out var key);
        var hasSas = parts.TryGetValue("SharedAccessSignature", out var sas);
        if (hasKey == hasSas)
        {
            throw new FormatException("The connection string must hold exactly one credential: AccountKey or SharedAccessSignature.");
        }

        if (hasKey)
        {
            if (!parts.ContainsKey("AccountName"))
            {
                throw new FormatException("AccountKey needs AccountName (the SharedKey signature names the account).");
            }

            return new StorageConnection(account, blob, queue, StorageCredentialKind.SharedKey, ConnectionStringParser.DecodeKey(key!), null, null);
        }

        return new StorageConnection(account, blob, queue, StorageCredentialKind.SasToken, null, sas!.TrimStart('?'), null);
    }

    /// <summary>A bearer-token connection to explicit endpoints, e.g. a managed identity in Azure.</summary>
    /// <param name="blobEndpoint">The blob endpoint, or <see langword="null"/> if unused.</param>
    /// <param name="queueEndpoint">The queue endpoint, or <see langword="null"/> if unused.</param>
    /// <param name="credential">The token source (scope <c>https://storage.azure.com/.default</c> is requested).</param>
    /// <param name="accountName">The account name; inferred from the endpoint when <see langword="null"/>.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="ArgumentException">Both endpoints are missing, or one is not absolute http(s).</exception>
    public static StorageConnection FromTokenCredential(
        Uri? blobEndpoint, Uri? queueEndpoint, TokenCredential credential, string? accountName = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (blobEndpoint is null && queueEndpoint is null)
        {
            throw new ArgumentException("Give at least one endpoint.", nameof(blobEndpoint));
        }

        foreach (var endpoint in new[] { blobEndpoint, queueEndpoint })
        {
            if (endpoint is not null && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
            {
                throw new ArgumentException($"Endpoint '{endpoint}' must be an absolute http(s) URI.", nameof(blobEndpoint));
            }
        }

        var account = accountName ?? InferAccountName(blobEndpoint ?? queueEndpoint!);
        return new StorageConnection(account, blobEndpoint, queueEndpoint, StorageCredentialKind.Token, null, null, credential);
    }

    /// <summary>A bearer-token connection to <c>https://&lt;account&gt;.{blob,queue}.core.windows.net</c>.</summary>
    /// <param name="accountName">The storage account name.</param>
    /// <param name="credential">The token source.</param>
    /// <param name="endpointSuffix">The DNS suffix; <c>core.windows.net</c> for the public cloud.</param>
    /// <returns>The connection.</returns>
    public static StorageConnection FromTokenCredential(string accountName, TokenCredential credential, string endpointSuffix = "core.windows.net")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        return FromTokenCredential(
            new Uri($"https://{accountName}.blob.{endpointSuffix}"), new Uri($"https://{accountName}.queue.{endpointSuffix}"), credential, accountName);
    }

    /// <summary>Describes the connection without secrets.</summary>
    /// <returns>Account, endpoints and credential kind.</returns>
    public override string ToString() =>
        $"Account={AccountName}; Blob={BlobEndpoint?.ToString() ?? "-"}; Queue={QueueEndpoint?.ToString() ?? "-"}; Credential={CredentialKind}";

    /// <summary>The account of an endpoint: the first DNS label, or for path-style (IP or localhost) the first path segment.</summary>
    private static string InferAccountName(Uri endpoint)
    {
        if (endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || endpoint.IsLoopback)
        {
            var segment = endpoint.AbsolutePath.Trim('/').Split('/')[0];
            if (segment.Length > 0)
            {
                return segment;
            }
        }

        return endpoint.Host.Split('.')[0];
    }

    private static Uri TrimSlash(Uri endpoint)
    {
        var text = endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return new Uri(text.TrimEnd('/'));
    }
}
