using System.Security.Cryptography;
using System.Text;

namespace IcedServerless.Contracts;

/// <summary>
/// The content address of an evaluation-key set, computed the same way by the service (when it registers keys) and
/// the client (to know the id before asking), so the same keys for the same model always get the same id.
/// </summary>
public static class KeySetIds
{
    /// <summary>
    /// The key set id: SHA-256 (lowercase hex) of <c>"iced-keyset-1\n{modelId}\n{relin sha256 or -}\n{galois sha256 or -}"</c>.
    /// </summary>
    /// <param name="modelId">The model the keys are for.</param>
    /// <param name="relinSha256">SHA-256 (lowercase hex) of the relinearization key file, or null when none.</param>
    /// <param name="galoisSha256">SHA-256 (lowercase hex) of the Galois key file, or null when none.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string Compute(string modelId, string? relinSha256, string? galoisSha256)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"iced-keyset-1\n{modelId}\n{relinSha256 ?? "-"}\n{galoisSha256 ?? "-"}")));
    }
}
