namespace IcedServerless.Storage;

/// <summary>What an upload produced.</summary>
/// <param name="ETag">The new blob version's entity tag, quoted as the service returns it.</param>
/// <param name="Length">The number of bytes stored.</param>
public sealed record BlobUploadResult(string ETag, long Length);
