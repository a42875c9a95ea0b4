namespace IcedServerless.Client;

/// <summary>
/// The service (or the storage behind a link) could not be reached: every attempt failed at the network level or
/// timed out. The message names the endpoint and what to check.
/// </summary>
public sealed class ScoringServiceUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">What was called, without any query (links carry signatures there).</param>
    /// <param name="attempts">Attempts made.</param>
    /// <param name="innerException">The last failure.</param>
    public ScoringServiceUnavailableException(Uri endpoint, int attempts, Exception innerException)
        : base(
            $"The scoring service at {endpoint} could not be reached after {attempts} attempt(s): {innerException?.Message} "
            + "Check that it is running (`iced serve` for a local app), that the URL is right (--endpoint or ICED_ENDPOINT), and the network.",
            innerException)
    {
        Endpoint = endpoint;
        Attempts = attempts;
    }

    /// <summary>The endpoint that could not be reached (no query).</summary>
    public Uri Endpoint { get; }

    /// <summary>Attempts made.</summary>
    public int Attempts { get; }
}
