namespace IcedServerless.Storage;

/// <summary>What part of a blob to download, and how much the caller is willing to receive.</summary>
public sealed record BlobDownloadOptions
{
    /// <summary>A byte range, or <see langword="null"/> for the whole blob.</summary>
    public BlobRange? Range { get; init; }

    /// <summary>
    /// The most bytes the caller accepts. The store compares the announced length against it before reading any
    /// byte of the body, and throws <see cref="BlobTooLargeException"/> when it is exceeded: untrusted uploads
    /// cannot make the caller buffer or stream more than it planned for.
    /// </summary>
    public long? MaxLength { get; init; }
}
