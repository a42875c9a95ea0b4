using System.Security.Cryptography;

namespace IcedServerless.Functions.Jobs;

/// <summary>Job ids: 128 random bits as 32 lowercase hex digits, safe in blob names and URLs.</summary>
public static class JobIds
{
    /// <summary>A new random id.</summary>
    /// <returns>The id.</returns>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="id"/> has the shape of a job id (checked before it becomes a blob name).</summary>
    /// <param name="id">The candidate.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);
}
