namespace IcedServerless.Ckks.Serialization;

/// <summary>
/// Bytes that are not a valid SEAL object: the single exception every loader throws for malformed, truncated,
/// oversized or corrupt input. The message names the field, the value found and the limit it broke.
/// </summary>
public sealed class SealFormatException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public SealFormatException()
        : base("The data is not a valid SEAL object.")
    {
    }

    /// <summary>Creates the exception with a message saying what was wrong.</summary>
    /// <param name="message">What was wrong: field, value and limit.</param>
    public SealFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The error that revealed it (for example a decompressor's).</param>
    public SealFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
