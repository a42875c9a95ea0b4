namespace IcedServerless.Storage;

/// <summary>A blob's system properties and metadata.</summary>
/// <param name="Name">The blob name.</param>
/// <param name="Length">The full length in bytes.</param>
/// <param name="ContentType">The content type.</param>
/// <param name="ETag">The entity tag, quoted.</param>
/// <param name="LastModified">When the blob last changed.</param>
/// <param name="Metadata">The metadata; names compare case-insensitively, as the service treats them.</param>
public sealed record BlobProperties(
    string Name,
    long Length,
    string ContentType,
    string ETag,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> Metadata);
