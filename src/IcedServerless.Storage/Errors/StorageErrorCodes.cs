namespace IcedServerless.Storage;

/// <summary>Error codes both implementations report in <see cref="StorageException.ErrorCode"/>.</summary>
public static class StorageErrorCodes
{
    /// <summary>Create-only write of an existing blob.</summary>
    public const string BlobAlreadyExists = "BlobAlreadyExists";

    /// <summary>The blob does not exist.</summary>
    public const string BlobNotFound = "BlobNotFound";

    /// <summary>The container does not exist.</summary>
    public const string ContainerNotFound = "ContainerNotFound";

    /// <summary>The queue does not exist.</summary>
    public const string QueueNotFound = "QueueNotFound";

    /// <summary>The message does not exist (deleted or expired).</summary>
    public const string MessageNotFound = "MessageNotFound";

    /// <summary>The pop receipt is not the message's latest.</summary>
    public const string PopReceiptMismatch = "PopReceiptMismatch";

    /// <summary>A range starts at or past the end of the blob.</summary>
    public const string InvalidRange = "InvalidRange";

    /// <summary>A condition (ETag) did not hold.</summary>
    public const string ConditionNotMet = "ConditionNotMet";

    /// <summary>The blob exceeds the caller's size limit (raised by this library, not the service).</summary>
    public const string BlobTooLarge = "BlobTooLarge";

    /// <summary>The credentials or SAS do not allow the operation.</summary>
    public const string AuthorizationFailure = "AuthorizationFailure";

    /// <summary>The SAS permissions do not allow the operation.</summary>
    public const string AuthorizationPermissionMismatch = "AuthorizationPermissionMismatch";

    /// <summary>The request never got a response (connection refused, reset, timeout).</summary>
    public const string NetworkFailure = "NetworkFailure";
}
