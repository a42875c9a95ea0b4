namespace IcedServerless.Storage;

/// <summary>
/// A storage operation failed. <see cref="Status"/> is the HTTP status (the embedded store reports the status
/// Azure would have sent), <see cref="ErrorCode"/> the service error code such as <c>BlobNotFound</c>.
/// Messages name the operation and the resource path, never a key, token or SAS signature.
/// </summary>
public class StorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">HTTP status; 0 when no response arrived (network failure).</param>
    /// <param name="errorCode">Service error code, or <see langword="null"/> when none was sent.</param>
    /// <param name="message">What failed and why.</param>
    /// <param name="requestId">The service's request id, for support cases.</param>
    /// <param name="innerException">The cause, if any.</param>
    public StorageException(int status, string? errorCode, string message, string? requestId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        RequestId = requestId;
    }

    /// <summary>HTTP status; 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>Service error code (<c>x-ms-error-code</c>), e.g. <see cref="StorageErrorCodes.BlobNotFound"/>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's request id (<c>x-ms-request-id</c>), if any.</summary>
    public string? RequestId { get; }
}
