namespace IcedServerless.Client.Keys;

/// <summary>
/// A key file is missing, unreadable, corrupt, tampered with, or disagrees with its recorded hash. The message names
/// the file and says what to do; it never contains key bytes.
/// </summary>
public sealed class KeyFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file (or key set folder) at fault.</param>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public KeyFileException(string path, string message, Exception? innerException = null)
        : base(message, innerException) => Path = path;

    /// <summary>The file (or key set folder) at fault.</summary>
    public string Path { get; }
}

/// <summary>
/// The secret key is sealed with a passphrase and none was given, or the passphrase is wrong (a sealed file that was
/// tampered with reports the same, since authenticated decryption cannot tell the two apart).
/// </summary>
public sealed class KeyPassphraseException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The sealed secret key file.</param>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public KeyPassphraseException(string path, string message, Exception? innerException = null)
        : base(message, innerException) => Path = path;

    /// <summary>The sealed secret key file.</summary>
    public string Path { get; }
}

/// <summary>
/// A key set was made for another model, other encryption parameters, or lacks keys that the plan the service
/// publishes now needs; new keys must be created for the model.
/// </summary>
public sealed class KeySetMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="keyModelId">The model the keys were made for.</param>
    /// <param name="planModelId">The model of the plan they were checked against.</param>
    /// <param name="message">What differs and what to do.</param>
    public KeySetMismatchException(string keyModelId, string planModelId, string message)
        : base(message)
    {
        KeyModelId = keyModelId;
        PlanModelId = planModelId;
    }

    /// <summary>The model the keys were made for.</summary>
    public string KeyModelId { get; }

    /// <summary>The model of the plan the keys were checked against.</summary>
    public string PlanModelId { get; }
}
