namespace IcedServerless.Storage;

/// <summary>A download would exceed <see cref="BlobDownloadOptions.MaxLength"/>; no body byte was read.</summary>
public sealed class BlobTooLargeException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="resource">The container/blob path.</param>
    /// <param name="length">The announced byte count.</param>
    /// <param name="maxLength">The caller's limit.</param>
    public BlobTooLargeException(string resource, long length, long maxLength)
        : base(413, StorageErrorCodes.BlobTooLarge,
            $"Blob '{resource}' has {length} bytes to transfer, more than the allowed {maxLength}; nothing was read.")
    {
        Length = length;
        MaxLength = maxLength;
    }

    /// <summary>The announced byte count.</summary>
    public long Length { get; }

    /// <summary>The caller's limit.</summary>
    public long MaxLength { get; }
}
