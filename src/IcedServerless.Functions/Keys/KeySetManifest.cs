using IcedServerless.Contracts;

namespace IcedServerless.Functions.Keys;

/// <summary>
/// A registered evaluation-key set: written create-only once its key files were downloaded, hashed and loaded
/// successfully for the model. Its id is a content address, so the same keys always get the same id.
/// </summary>
/// <param name="KeySetId">The content address.</param>
/// <param name="ModelId">The model the keys were validated for.</param>
/// <param name="RelinKeys">The relinearization key file, if any.</param>
/// <param name="GaloisKeys">The Galois key file, if any.</param>
/// <param name="RegisteredOn">When it was registered.</param>
public sealed record KeySetManifest(
    string KeySetId, string ModelId, KeyBlobDescriptor? RelinKeys, KeyBlobDescriptor? GaloisKeys, DateTimeOffset RegisteredOn)
{
    /// <summary>
    /// The key set id (see <see cref="KeySetIds.Compute"/>, which clients use too).
    /// </summary>
    /// <param name="modelId">The model.</param>
    /// <param name="relinKeys">The relinearization key file, if any.</param>
    /// <param name="galoisKeys">The Galois key file, if any.</param>
    /// <returns>The id.</returns>
    public static string ComputeId(string modelId, KeyBlobDescriptor? relinKeys, KeyBlobDescriptor? galoisKeys) =>
        KeySetIds.Compute(modelId, relinKeys?.Sha256, galoisKeys?.Sha256);

    /// <summary>Whether <paramref name="id"/> has the shape of a SHA-256 hex digest (checked before it names a blob).</summary>
    /// <param name="id">The candidate.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsDigest(string? id) => id is { Length: 64 } && id.All(char.IsAsciiHexDigitLower);
}
