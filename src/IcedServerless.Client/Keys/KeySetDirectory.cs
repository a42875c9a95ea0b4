using System.Security.Cryptography;
using System.Text.Json;
using IcedServerless.Ckks;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Contracts;

namespace IcedServerless.Client.Keys;

/// <summary>
/// Stores a key set in a folder: <c>secret.key</c> (owner-only 0600 from creation, optionally sealed with a
/// passphrase), <c>relin.keys</c>, <c>galois.keys</c> and the description <c>keyset.json</c>, written last so a
/// folder with a description is complete. Loading checks every size before allocating and every hash before use.
/// </summary>
public static class KeySetDirectory
{
    /// <summary>The folder format this code writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The description file.</summary>
    public const string InfoFile = "keyset.json";

    /// <summary>The secret key file.</summary>
    public const string SecretFile = "secret.key";

    /// <summary>The relinearization key file.</summary>
    public const string RelinFile = "relin.keys";

    /// <summary>The Galois key file.</summary>
    public const string GaloisFile = "galois.keys";

    private const long MaxInfoBytes = 1 << 20;
    private const long MaxEvaluationKeyBytes = 1L << 30;

    /// <summary>Writes <paramref name="keySet"/> to <paramref name="directory"/> (created 0700 if missing).</summary>
    /// <param name="directory">The key set folder.</param>
    /// <param name="keySet">The keys.</param>
    /// <param name="passphrase">Seals the secret key (AES-256-GCM, PBKDF2 key) when not null or empty.</param>
    /// <param name="overwrite">Replace a key set already in the folder.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The description written to <c>keyset.json</c>.</returns>
    /// <exception cref="KeyFileException">The folder already holds a key set and <paramref name="overwrite"/> is false.</exception>
    public static async Task<KeySetInfo> SaveAsync(string directory, ClientKeySet keySet, string? passphrase = null,
        bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(keySet);
        var infoPath = Path.Combine(directory, InfoFile);
        if (!overwrite && File.Exists(infoPath))
        {
            throw new KeyFileException(directory, $"{directory} already holds a key set; choose another folder or replace it explicitly (--force).");
        }

        AtomicFile.CreateDirectory(directory, ownerOnly: true);
        var sealedSecret = !string.IsNullOrEmpty(passphrase);
        var plain = keySet.SecretKey.Save();
        KeyFileEntry secretEntry;
        try
        {
            var secret = sealedSecret ? SecretKeySeal.Seal(plain, passphrase!) : plain;
            await AtomicFile.WriteAsync(Path.Combine(directory, SecretFile), secret, ownerOnly: true, cancellationToken).ConfigureAwait(false);
            secretEntry = new KeyFileEntry(SecretFile, ClientKeySet.Sha256Hex(secret), secret.Length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        var info = new KeySetInfo(FormatVersion, keySet.ModelId, keySet.KeySetId, keySet.ParmsSha256, keySet.EncryptionParameters,
            keySet.RotationSteps, secretEntry,
            await WriteOptionalAsync(directory, RelinFile, keySet.RelinKeys, cancellationToken).ConfigureAwait(false),
            await WriteOptionalAsync(directory, GaloisFile, keySet.GaloisKeys, cancellationToken).ConfigureAwait(false),
            keySet.CreatedOn, sealedSecret,
            sealedSecret ? new KeySealing(SecretKeySeal.CipherName, SecretKeySeal.KdfName, SecretKeySeal.Iterations) : null);
        await AtomicFile.WriteAsync(infoPath, JsonSerializer.SerializeToUtf8Bytes(info, ClientJson.Options), ownerOnly: false, cancellationToken)
            .ConfigureAwait(false);
        return info;
    }

    /// <summary>Reads and checks a folder's description without touching the secret key.</summary>
    /// <param name="directory">The key set folder.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The description.</returns>
    /// <exception cref="KeyFileException">No key set there, or its description is corrupt or inconsistent.</exception>
    public static async Task<KeySetInfo> ReadInfoAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var path = Path.Combine(directory, InfoFile);
        if (!File.Exists(path))
        {
            throw new KeyFileException(directory, $"There is no key set in {directory} ({InfoFile} is missing); create one with: iced keys create --model MODEL.");
        }

        var bytes = await AtomicFile.ReadBoundedAsync(path, MaxInfoBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyFileException(path, $"{path} is larger than {MaxInfoBytes} bytes, so it is not a key set description; create new keys.");
        KeySetInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<KeySetInfo>(bytes, ClientJson.Options);
        }
        catch (JsonException ex)
        {
            throw Corrupt(path, $"it is not valid ({ex.Message})", ex);
        }

        Validate(info, path);
        return info!;
    }

    /// <summary>Loads a key set, checking every file against its recorded length and SHA-256.</summary>
    /// <param name="directory">The key set folder.</param>
    /// <param name="passphrase">The passphrase, when the secret key is sealed.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The keys; dispose to wipe the secret key.</returns>
    /// <exception cref="KeyFileException">A file is missing, corrupt, tampered with or of the wrong size.</exception>
    /// <exception cref="KeyPassphraseException">The secret key is sealed and the passphrase is missing or wrong.</exception>
    public static async Task<ClientKeySet> LoadAsync(string directory, string? passphrase = null, CancellationToken cancellationToken = default)
    {
        var info = await ReadInfoAsync(directory, cancellationToken).ConfigureAwait(false);
        var infoPath = Path.Combine(directory, InfoFile);
        CkksContext context;
        try
        {
            context = new CkksContext(EncryptionParameters.Load(info.EncryptionParameters));
        }
        catch (Exception ex) when (ex is SealFormatException or InvalidParametersException)
        {
            throw Corrupt(infoPath, "its encryption parameters are invalid", ex);
        }

        // A secret key is one polynomial over the key level's primes; anything much larger is not one.
        long maxSecret = (8L * context.PolyModulusDegree * context.KeyContextData.PrimeCount) + 4096 + SecretKeySeal.Overhead;
        var secretPath = Path.Combine(directory, SecretFile);
        var stored = await ReadVerifiedAsync(directory, info.SecretKey, maxSecret, cancellationToken).ConfigureAwait(false);
        if (info.SecretSealed != SecretKeySeal.IsSealed(stored))
        {
            throw Corrupt(secretPath, $"{InfoFile} says it is {(info.SecretSealed ? "" : "not ")}sealed but its content disagrees", null);
        }

        var plain = info.SecretSealed ? SecretKeySeal.Open(stored, passphrase, secretPath) : stored;
        SecretKey secret;
        try
        {
            secret = SecretKey.Load(context, plain);
        }
        catch (SealFormatException ex)
        {
            throw Corrupt(secretPath, "it is not a secret key for these encryption parameters", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            CryptographicOperations.ZeroMemory(stored);
        }

        var relin = info.RelinKeys is null ? null : await ReadVerifiedAsync(directory, info.RelinKeys, MaxEvaluationKeyBytes, cancellationToken).ConfigureAwait(false);
        var galois = info.GaloisKeys is null ? null : await ReadVerifiedAsync(directory, info.GaloisKeys, MaxEvaluationKeyBytes, cancellationToken).ConfigureAwait(false);
        return new ClientKeySet(info.ModelId, info.EncryptionParameters, context, secret, relin, galois, info.RotationSteps, info.CreatedOn);
    }

    private static async Task<KeyFileEntry?> WriteOptionalAsync(string directory, string name, byte[]? data, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, name);
        if (data is null)
        {
            // A file left from an older key set must not be taken for part of this one.
            File.Delete(path);
            return null;
        }

        await AtomicFile.WriteAsync(path, data, ownerOnly: false, cancellationToken).ConfigureAwait(false);
        return new KeyFileEntry(name, ClientKeySet.Sha256Hex(data), data.Length);
    }

    private static async Task<byte[]> ReadVerifiedAsync(string directory, KeyFileEntry entry, long maxBytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, entry.File);
        if (!File.Exists(path))
        {
            throw new KeyFileException(path, $"The key file {path} is missing; restore the folder from a backup or create new keys (iced keys create --force).");
        }

        if (entry.Length > maxBytes || new FileInfo(path).Length != entry.Length)
        {
            throw Corrupt(path, $"its size differs from the {entry.Length} bytes recorded in {InfoFile}", null);
        }

        var data = await AtomicFile.ReadBoundedAsync(path, entry.Length, cancellationToken).ConfigureAwait(false)
            ?? throw Corrupt(path, "it grew while being read", null);
        if (!string.Equals(ClientKeySet.Sha256Hex(data), entry.Sha256, StringComparison.Ordinal))
        {
            CryptographicOperations.ZeroMemory(data);
            throw Corrupt(path, $"its SHA-256 differs from the one recorded in {InfoFile} (corrupted or altered)", null);
        }

        return data;
    }

    private static void Validate(KeySetInfo? info, string path)
    {
        var problem = info switch
        {
            null => "it is empty",
            { FormatVersion: not FormatVersion } => $"its format version {info.FormatVersion} is not {FormatVersion}",
            _ when string.IsNullOrEmpty(info.ModelId) || info.EncryptionParameters is null || info.SecretKey is null || info.RotationSteps is null
                => "required members are missing",
            _ when info.SecretKey.File != SecretFile || info.RelinKeys is { File: not RelinFile } || info.GaloisKeys is { File: not GaloisFile }
                => "it names unexpected key files",
            _ when info.ParmsSha256 != ClientKeySet.Sha256Hex(info.EncryptionParameters) => "its parameter hash does not match its parameters",
            _ when info.KeySetId != KeySetIds.Compute(info.ModelId, info.RelinKeys?.Sha256, info.GaloisKeys?.Sha256)
                => "its key set id does not match its key file hashes",
            _ => null,
        };
        if (problem is not null)
        {
            throw Corrupt(path, problem, null);
        }
    }

    private static KeyFileException Corrupt(string path, string problem, Exception? inner) =>
        new(path, $"The key file {path} cannot be used: {problem}. Restore the folder from a backup or create new keys (iced keys create --force).", inner);
}
