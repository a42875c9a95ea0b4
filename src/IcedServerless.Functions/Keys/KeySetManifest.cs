using System.Security.Cryptography;
using System.Text;
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
    /// The key set id: SHA-256 (lowercase hex) of <c>"iced-keyset-1\n{modelId}\n{relin sha256 or -}\n{galois sha256 or -}"</c>.
    /// </summary>
    /// <param name="modelId">The model.</param>
    /// <param name="relinKeys">The relinearization key file, if any.</param>
    /// <param name="galoisKeys">The Galois key file, if any.</param>
    /// <returns>The id.</returns>
    public static string ComputeId(string modelId, KeyBlobDescriptor? relinKeys, KeyBlobDescriptor? galoisKeys) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"iced-keyset-1\n{modelId}\n{relinKeys?.Sha256 ?? "-"}\n{galoisKeys?.Sha256 ?? "-"}")));

    /// <summary>Whether <paramref name="id"/> has the shape of a SHA-256 hex digest (checked before it names a blob).</summary>
    /// <param name="id">The candidate.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsDigest(string? id) => id is { Length: 64 } && id.All(char.IsAsciiHexDigitLower);
}
