namespace IcedServerless.Model.Serialization;

/// <summary>
/// Thrown when a model file is malformed, tampered with, unsupported or describes an invalid network. The message
/// names the offending field and what was expected.
/// </summary>
public sealed class ModelFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The category of the failure.</param>
    /// <param name="message">A sentence that says what was wrong.</param>
    /// <param name="innerException">The lower-level failure, if any.</param>
    public ModelFormatException(ModelFormatError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>The category of the failure.</summary>
    public ModelFormatError Error { get; }
}
