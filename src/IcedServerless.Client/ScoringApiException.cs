using IcedServerless.Contracts;

namespace IcedServerless.Client;

/// <summary>The service refused a call or a link transfer failed; <see cref="Error"/> says why when the service did.</summary>
public sealed class ScoringApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="error">The service's error body, if it sent one.</param>
    /// <param name="message">What failed.</param>
    public ScoringApiException(int status, ApiError? error, string message)
        : base(message)
    {
        Status = status;
        Error = error;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The service's error, if any.</summary>
    public ApiError? Error { get; }
}
