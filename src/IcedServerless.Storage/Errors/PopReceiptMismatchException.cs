namespace IcedServerless.Storage;

/// <summary>
/// Update or delete used a pop receipt that is no longer the message's latest (400 PopReceiptMismatch): the
/// message was received again by someone else, or updated, since.
/// </summary>
public sealed class PopReceiptMismatchException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="requestId">The service's request id, if any.</param>
    public PopReceiptMismatchException(string message, string? requestId = null)
        : base(400, StorageErrorCodes.PopReceiptMismatch, message, requestId)
    {
    }
}
