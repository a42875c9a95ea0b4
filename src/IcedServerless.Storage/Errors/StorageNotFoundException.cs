namespace IcedServerless.Storage;

/// <summary>
/// A container, blob, queue or message does not exist (404). <see cref="StorageException.ErrorCode"/> says which:
/// <see cref="StorageErrorCodes.BlobNotFound"/>, <see cref="StorageErrorCodes.ContainerNotFound"/>,
/// <see cref="StorageErrorCodes.QueueNotFound"/> or <see cref="StorageErrorCodes.MessageNotFound"/>.
/// </summary>
public sealed class StorageNotFoundException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode">Which resource is missing.</param>
    /// <param name="message">What failed.</param>
    /// <param name="requestId">The service's request id, if any.</param>
    public StorageNotFoundException(string? errorCode, string message, string? requestId = null)
        : base(404, errorCode, message, requestId)
    {
    }
}
