namespace IcedServerless.Client.Results;

/// <summary>
/// A result unit from the service is not what the plan promises: wrong number of ciphertexts, bytes that are not
/// SEAL ciphertexts for the plan's parameters, an unexpected level or size, or values that do not decrypt under this
/// key set.
/// </summary>
public sealed class ResultFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="unit">The unit index.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ResultFormatException(int unit, string message, Exception? innerException = null)
        : base(message, innerException) => Unit = unit;

    /// <summary>The unit index.</summary>
    public int Unit { get; }
}
