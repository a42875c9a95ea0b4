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

    /// <summary>The exception for a refused API call, with what to do for the refusals users hit most.</summary>
    internal static ScoringApiException ForApiCall(HttpMethod method, Uri uri, int status, ApiError? error, string? reason)
    {
        var hint = (status, error?.Code) switch
        {
            (401 or 403, _) => " The function key was missing or wrong: set --function-key or ICED_FUNCTION_KEY.",
            (404, ApiErrorCodes.UnknownKeySet) => " The service does not know this key set: register the keys again (submitting does).",
            (404, ApiErrorCodes.UnknownJob) => " Check the job id; jobs are forgotten after they expire.",
            (404, null) => " Check the endpoint URL: nothing answers this route there.",
            _ => string.Empty,
        };
        return new ScoringApiException(status, error, $"{method} {uri.AbsolutePath} answered {status}: {error?.Message ?? reason}{hint}");
    }
}
