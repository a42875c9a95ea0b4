using System.Text.Json.Serialization;

namespace IcedServerless.Storage.FileSystem;

/// <summary>A blob's commit record (the ".meta" sidecar): which data file is current, and its properties.</summary>
internal sealed record BlobRecord(
    string Name, string Version, long Length, string ContentType, string ETag, DateTimeOffset LastModified,
    Dictionary<string, string> Metadata);

/// <summary>A queue message file's content.</summary>
internal sealed record QueueMessageRecord(
    string Id, string Text, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn,
    long DequeueCount, string PopReceipt);

/// <summary>Source-generated JSON for the embedded store's files (no reflection, trimming-safe).</summary>
[JsonSerializable(typeof(BlobRecord))]
[JsonSerializable(typeof(QueueMessageRecord))]
internal sealed partial class FileStoreJson : JsonSerializerContext;
