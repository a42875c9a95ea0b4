namespace IcedServerless.Client.Jobs;

/// <summary>
/// The client's home folder: <c>ICED_HOME</c>, or <c>~/.iced</c>. It holds the embedded store (<c>store</c>), key
/// sets (<c>keys/&lt;model-name&gt;/&lt;packing&gt;</c>) and job records (<c>jobs</c>).
/// </summary>
public static class IcedHome
{
    /// <summary>The environment variable that overrides the home folder.</summary>
    public const string Variable = "ICED_HOME";

    /// <summary>The home folder (not created).</summary>
    /// <returns>An absolute path.</returns>
    public static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".iced")
            : configured);
    }

    /// <summary>The default key set folder of a model: <c>keys/&lt;model-name&gt;/&lt;packing&gt;</c>.</summary>
    /// <param name="home">The home folder.</param>
    /// <param name="modelId">A model id such as <c>pneumoniamnist-28/latency</c>.</param>
    /// <returns>The folder.</returns>
    /// <exception cref="ArgumentException">The id is not <c>name/packing</c> of safe path segments.</exception>
    public static string KeysDirectory(string home, string modelId)
    {
        ArgumentException.ThrowIfNullOrEmpty(home);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        var parts = modelId.Split('/');
        if (parts.Length != 2 || !parts.All(IsSafeSegment))
        {
            throw new ArgumentException($"'{modelId}' is not a model id of the form name/packing.", nameof(modelId));
        }

        return Path.Combine(home, "keys", parts[0], parts[1]);
    }

    /// <summary>The embedded store folder.</summary>
    /// <param name="home">The home folder.</param>
    /// <returns>The folder.</returns>
    public static string StoreDirectory(string home) => Path.Combine(home, "store");

    /// <summary>The job records folder.</summary>
    /// <param name="home">The home folder.</param>
    /// <returns>The folder.</returns>
    public static string JobsDirectory(string home) => Path.Combine(home, "jobs");

    internal static bool IsSafeSegment(string segment) =>
        segment.Length is > 0 and <= 128 && segment is not ("." or "..") && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
