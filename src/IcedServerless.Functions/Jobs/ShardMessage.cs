using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcedServerless.Functions.Jobs;

/// <summary>
/// The queue message of one shard: small (well under the 48 KiB body limit) because the work is named, not
/// carried — the shard's inputs are blobs of the job.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Shard">The shard number.</param>
public sealed record ShardMessage(
    [property: JsonPropertyName("jobId")] string JobId,
    [property: JsonPropertyName("shard")] int Shard)
{
    private static readonly JsonSerializerOptions s_options = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>The UTF-8 JSON body.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, s_options);

    /// <summary>Parses a body; <see langword="null"/> when it is not a shard message (a message the app did not write).</summary>
    /// <param name="body">The bytes.</param>
    /// <returns>The message, or <see langword="null"/>.</returns>
    public static ShardMessage? TryParse(ReadOnlySpan<byte> body)
    {
        try
        {
            var message = JsonSerializer.Deserialize<ShardMessage>(body, s_options);
            return message is { JobId: { } id, Shard: >= 0 } && JobIds.IsValid(id) ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
