namespace IcedServerless.Functions.HostProtocol;

/// <summary>An invocation payload does not have the shape the Functions host sends (answered with 400).</summary>
public sealed class HostPayloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing or malformed.</param>
    public HostPayloadException(string message)
        : base(message)
    {
    }
}
