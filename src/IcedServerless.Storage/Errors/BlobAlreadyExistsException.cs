namespace IcedServerless.Storage;

/// <summary>A create-only upload found the blob already there (409 BlobAlreadyExists).</summary>
public sealed class BlobAlreadyExistsException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="requestId">The service's request id, if any.</param>
    public BlobAlreadyExistsException(string message, string? requestId = null)
        : base(409, StorageErrorCodes.BlobAlreadyExists, message, requestId)
    {
    }
}
