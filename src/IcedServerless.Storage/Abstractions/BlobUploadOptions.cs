namespace IcedServerless.Storage;

/// <summary>How an upload behaves.</summary>
public sealed record BlobUploadOptions
{
    /// <summary>
    /// Fail with <see cref="BlobAlreadyExistsException"/> instead of overwriting (<c>If-None-Match: *</c>).
    /// This makes queue-driven writers idempotent: a second delivery of the same job cannot clobber a result.
    /// </summary>
    public bool CreateOnly { get; init; }

    /// <summary>The blob's content type; <c>application/octet-stream</c> when <see langword="null"/>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Metadata stored with the blob (names are C# identifiers, values printable ASCII).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
