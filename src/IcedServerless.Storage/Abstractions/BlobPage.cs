namespace IcedServerless.Storage;

/// <summary>One page of a blob listing.</summary>
/// <param name="Items">The blobs on this page, in ordinal name order.</param>
/// <param name="ContinuationToken">Pass to the next call for the following page; <see langword="null"/> on the last.</param>
public sealed record BlobPage(IReadOnlyList<BlobProperties> Items, string? ContinuationToken);
