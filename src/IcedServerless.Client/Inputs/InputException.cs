namespace IcedServerless.Client.Inputs;

/// <summary>
/// The images given cannot be used: the path is missing, the format is unknown or invalid, a requested split is
/// absent, or nothing readable is left. The message names the path and says what is accepted.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The input path at fault.</param>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public InputException(string path, string message, Exception? innerException = null)
        : base(message, innerException) => Path = path;

    /// <summary>The input path at fault.</summary>
    public string Path { get; }
}
