namespace IcedServerless.Imaging;

/// <summary>
/// Thrown when image or array input is malformed, truncated, hostile or unsupported. The message is a stable
/// sentence that names the offending value and the limit or expectation it broke.
/// </summary>
public sealed class ImageFormatException : Exception
{
    /// <summary>Creates the exception with its error category and message.</summary>
    /// <param name="error">The category of the failure.</param>
    /// <param name="message">A sentence that says what was wrong, with the numbers involved.</param>
    /// <param name="innerException">The lower-level failure, if any.</param>
    public ImageFormatException(ImageFormatError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>The category of the failure.</summary>
    public ImageFormatError Error { get; }
}
