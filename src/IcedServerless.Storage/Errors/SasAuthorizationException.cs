namespace IcedServerless.Storage;

/// <summary>
/// A locally signed SAS (<see cref="FileSystem.LocalBlobSas"/>) is missing, malformed, tampered with, expired or
/// does not grant the operation. Maps to 403. The message says which, never the signature.
/// </summary>
public sealed class SasAuthorizationException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode"><see cref="StorageErrorCodes.AuthorizationFailure"/> or
    /// <see cref="StorageErrorCodes.AuthorizationPermissionMismatch"/>.</param>
    /// <param name="message">Why the request is refused.</param>
    public SasAuthorizationException(string errorCode, string message)
        : base(403, errorCode, message)
    {
    }
}
