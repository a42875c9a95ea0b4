namespace IcedServerless.Functions.Keys;

/// <summary>A key set is not registered for the model, or its files no longer load.</summary>
public sealed class KeySetUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why.</param>
    /// <param name="innerException">The cause, if any.</param>
    public KeySetUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
