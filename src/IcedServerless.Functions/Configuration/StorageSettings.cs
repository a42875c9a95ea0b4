using Azure.Identity;
using IcedServerless.Storage;
using Microsoft.Extensions.Configuration;

namespace IcedServerless.Functions.Configuration;

/// <summary>
/// Where the pipeline's blobs and queues live, read from the same settings the Functions host uses for the queue
/// trigger's <c>connection: "IcedStorage"</c>:
/// <list type="bullet">
/// <item><c>IcedStorage</c> = a connection string (<c>UseDevelopmentStorage=true</c> for Azurite, or an account key);</item>
/// <item>or <c>IcedStorage__blobServiceUri</c> + <c>IcedStorage__queueServiceUri</c> with <c>IcedStorage__credential=managedidentity</c>
/// and optionally <c>IcedStorage__clientId</c> (a user-assigned identity): Entra tokens, shared keys off;</item>
/// <item>neither: the embedded file-system store under <c>Iced:EmbeddedStoreRoot</c> (default <c>.iced/store</c>).</item>
/// </list>
/// </summary>
public sealed record StorageSettings
{
    /// <summary>The connection-name prefix shared with the queue trigger's function.json.</summary>
    public const string ConnectionName = "IcedStorage";

    /// <summary>The setting naming the embedded store's directory.</summary>
    public const string EmbeddedRootKey = "Iced:EmbeddedStoreRoot";

    /// <summary>The Azure connection, or <see langword="null"/> for the embedded store.</summary>
    public StorageConnection? Azure { get; init; }

    /// <summary>The embedded store's root directory (used when <see cref="Azure"/> is <see langword="null"/>).</summary>
    public string EmbeddedRoot { get; init; } = Path.Combine(".iced", "store");

    /// <summary>Whether the embedded store is used.</summary>
    public bool IsEmbedded => Azure is null;

    /// <summary>Reads the settings.</summary>
    /// <param name="configuration">The app configuration (environment variables, app settings).</param>
    /// <returns>The settings.</returns>
    /// <exception cref="FormatException">The connection string is malformed, or an identity-based setting is incomplete.</exception>
    public static StorageSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConnectionName);
        var embeddedRoot = configuration[EmbeddedRootKey] is { Length: > 0 } root ? root : Path.Combine(".iced", "store");
        if (section.Value is { Length: > 0 } connectionString)
        {
            return new StorageSettings { Azure = StorageConnection.Parse(connectionString), EmbeddedRoot = embeddedRoot };
        }

        // Empty values count as unset, so a settings file can list every key.
        var blob = NullIfEmpty(section["blobServiceUri"]);
        var queue = NullIfEmpty(section["queueServiceUri"]);
        if (blob is null && queue is null)
        {
            return new StorageSettings { EmbeddedRoot = embeddedRoot };
        }

        if (blob is null || queue is null)
        {
            throw new FormatException($"Set both {ConnectionName}__blobServiceUri and {ConnectionName}__queueServiceUri: the pipeline uses blobs and queues.");
        }

        if (NullIfEmpty(section["credential"]) is { } credential && !string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"{ConnectionName}__credential must be 'managedidentity' (the only identity kind the Functions host supports).");
        }

        var clientId = NullIfEmpty(section["clientId"]);
        var tokens = clientId is { Length: > 0 }
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        return new StorageSettings
        {
            Azure = StorageConnection.FromTokenCredential(new Uri(blob), new Uri(queue), tokens),
            EmbeddedRoot = embeddedRoot,
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
