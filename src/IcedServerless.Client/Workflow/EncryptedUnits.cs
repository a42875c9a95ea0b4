using System.Security.Cryptography;
using System.Text.Json;
using IcedServerless.Client.Encryption;
using IcedServerless.Client.Inputs;
using IcedServerless.Client.Jobs;
using IcedServerless.Client.Keys;
using IcedServerless.Inference;

namespace IcedServerless.Client.Workflow;

/// <summary>
/// The description of a folder of encrypted units (<c>manifest.json</c>), written by <c>iced encrypt</c> and read by
/// <c>iced submit</c>: the model and key set, where the images came from (to name results later), the units and each
/// unit file's hash and length. It holds no key material.
/// </summary>
/// <param name="FormatVersion">The folder format version (<see cref="EncryptedUnits.FormatVersion"/>).</param>
/// <param name="ModelId">The model the units were encrypted for.</param>
/// <param name="KeySetId">The key set they were encrypted under.</param>
/// <param name="KeyDirectory">The key set folder.</param>
/// <param name="InputPath">The images' folder or file.</param>
/// <param name="Split">The .npz split, for an archive.</param>
/// <param name="InputFingerprint">The images' <see cref="InputSet.Fingerprint"/>.</param>
/// <param name="Images">How many images.</param>
/// <param name="Units">The units, in order.</param>
/// <param name="Files">One file per unit, in order.</param>
public sealed record EncryptedUnitsManifest(
    int FormatVersion,
    string ModelId,
    string KeySetId,
    string KeyDirectory,
    string InputPath,
    NpzSplit? Split,
    string InputFingerprint,
    int Images,
    IReadOnlyList<UnitRange> Units,
    IReadOnlyList<KeyFileEntry> Files);

/// <summary>Writes and reads folders of encrypted units (offline encryption, upload later).</summary>
public static class EncryptedUnits
{
    /// <summary>The folder format version.</summary>
    public const int FormatVersion = 1;

    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "manifest.json";

    private const long MaxManifestBytes = 64L << 20;

    // A unit holds at most a few dozen ciphertexts of at most N = 65536 over a few primes: 2 GiB is far beyond any.
    private const long MaxUnitBytes = int.MaxValue;

    /// <summary>Encrypts every unit of <paramref name="inputs"/> into <paramref name="directory"/>, then writes the manifest.</summary>
    /// <param name="directory">The output folder (created; unit files in it are replaced).</param>
    /// <param name="plan">The plan.</param>
    /// <param name="keys">Keys for it.</param>
    /// <param name="inputs">The images.</param>
    /// <param name="source">Where keys and images came from.</param>
    /// <param name="onUnit">Called after each unit is written (for progress).</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The manifest written.</returns>
    /// <exception cref="KeySetMismatchException">The keys do not serve the plan.</exception>
    public static async Task<EncryptedUnitsManifest> WriteAsync(string directory, ModelPlan plan, ClientKeySet keys, InputSet inputs, JobSource source,
        Action? onUnit = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(source);
        var encryptor = new UnitEncryptor(plan, keys);
        var units = encryptor.Units(inputs).Select(u => new UnitRange(u.Start, u.Count)).ToArray();
        var files = new KeyFileEntry[units.Length];
        AtomicFile.CreateDirectory(directory, ownerOnly: false);
        // Bounded like uploads: each worker encrypts, writes and drops one unit.
        await Parallel.ForEachAsync(Enumerable.Range(0, units.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (u, ct) =>
            {
                var bytes = encryptor.EncryptUnit(inputs, units[u].Start, units[u].Count);
                var name = $"unit-{u:D5}.bin";
                await AtomicFile.WriteAsync(Path.Combine(directory, name), bytes, ownerOnly: false, ct).ConfigureAwait(false);
                files[u] = new KeyFileEntry(name, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
                onUnit?.Invoke();
            }).ConfigureAwait(false);
        var manifest = new EncryptedUnitsManifest(FormatVersion, plan.ModelId, keys.KeySetId, source.KeyDirectory, source.InputPath, source.Split,
            inputs.Fingerprint, inputs.Count, units, files);
        await AtomicFile.WriteAsync(Path.Combine(directory, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(manifest, ClientJson.Options),
            ownerOnly: false, cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>Reads and checks the manifest of an encrypted folder.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InputException">The folder has no readable, consistent manifest.</exception>
    public static async Task<EncryptedUnitsManifest> ReadManifestAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var path = Path.Combine(directory, ManifestFile);
        if (!File.Exists(path))
        {
            throw new InputException(directory, $"{directory} holds no {ManifestFile}; make an encrypted folder with `iced encrypt <images> --model ID --out DIR`.");
        }

        EncryptedUnitsManifest? manifest;
        try
        {
            var bytes = await AtomicFile.ReadBoundedAsync(path, MaxManifestBytes, cancellationToken).ConfigureAwait(false)
                ?? throw new InputException(directory, $"{path} is larger than {MaxManifestBytes} bytes; it is not a manifest.");
            manifest = JsonSerializer.Deserialize<EncryptedUnitsManifest>(bytes, ClientJson.Options);
        }
        catch (JsonException e)
        {
            throw new InputException(directory, $"{path} is not a valid manifest: {e.Message}", e);
        }

        if (manifest is null || manifest.FormatVersion != FormatVersion || manifest.Units is null || manifest.Files is null
            || manifest.Units.Count == 0 || manifest.Units.Count != manifest.Files.Count
            || manifest.Files.Any(f => f is null || !IcedHome.IsSafeSegment(f.File) || f.Length is <= 0 or > MaxUnitBytes))
        {
            throw new InputException(directory, $"{path} is not a version-{FormatVersion} manifest of unit files; encrypt the images again.");
        }

        return manifest;
    }

    /// <summary>Reads one unit file, checking its length before reading and its hash after.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="manifest">Its manifest.</param>
    /// <param name="unit">The unit index.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The unit's bytes.</returns>
    /// <exception cref="InputException">The file is missing, of another size or altered.</exception>
    public static async Task<byte[]> ReadUnitAsync(string directory, EncryptedUnitsManifest manifest, int unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentOutOfRangeException.ThrowIfNegative(unit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unit, manifest.Files.Count);
        var entry = manifest.Files[unit];
        var path = Path.Combine(directory, entry.File);
        if (!File.Exists(path) || new FileInfo(path).Length != entry.Length)
        {
            throw new InputException(path, $"{path} is missing or not {entry.Length} bytes as the manifest says; encrypt the images again.");
        }

        var bytes = await AtomicFile.ReadBoundedAsync(path, entry.Length, cancellationToken).ConfigureAwait(false);
        return bytes is not null && Convert.ToHexStringLower(SHA256.HashData(bytes)) == entry.Sha256
            ? bytes
            : throw new InputException(path, $"{path} was altered since it was encrypted (its SHA-256 differs from the manifest); encrypt the images again.");
    }
}
