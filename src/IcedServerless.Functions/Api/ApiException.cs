using IcedServerless.Contracts;

namespace IcedServerless.Functions.Api;

/// <summary>A request the API refuses, with the status and the <see cref="ApiError"/> body to answer.</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">A code from <see cref="ApiErrorCodes"/>.</param>
    /// <param name="message">What to fix.</param>
    /// <param name="units">Units at fault, if any.</param>
    public ApiException(int status, string code, string message, IReadOnlyList<int>? units = null)
        : base(message)
    {
        Status = status;
        Code = code;
        Units = units;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The error code.</summary>
    public string Code { get; }

    /// <summary>Units at fault, if any.</summary>
    public IReadOnlyList<int>? Units { get; }

    /// <summary>A 400 for a malformed request.</summary>
    /// <param name="message">What is wrong.</param>
    /// <returns>The exception.</returns>
    public static ApiException BadRequest(string message) => new(400, ApiErrorCodes.BadRequest, message);

    /// <summary>The answer to send.</summary>
    /// <returns>The result.</returns>
    public HostProtocol.ApiResult ToResult() => new(Status, new ErrorResponse(new ApiError(Code, Message, Units)));
}
