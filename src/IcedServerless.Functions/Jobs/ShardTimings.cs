using System.Globalization;

namespace IcedServerless.Functions.Jobs;

/// <summary>Stage times of one finished shard, kept in its completion marker's metadata (so one listing reads all).</summary>
/// <param name="Units">Units the shard scored in this delivery (0 when a redelivery found them all done).</param>
/// <param name="QueueWaitMs">From enqueueing to the delivery that finished the shard.</param>
/// <param name="DownloadMs">Downloading and parsing inputs.</param>
/// <param name="ScoreMs">Homomorphic evaluation.</param>
/// <param name="UploadMs">Serializing and writing results.</param>
/// <param name="CompletedOn">When the shard's last result was written (by this service's clock).</param>
public sealed record ShardTimings(int Units, double QueueWaitMs, double DownloadMs, double ScoreMs, double UploadMs, DateTimeOffset? CompletedOn)
{
    /// <summary>The marker metadata.</summary>
    /// <returns>Name/value pairs.</returns>
    public IReadOnlyDictionary<string, string> ToMetadata() => new Dictionary<string, string>
    {
        ["units"] = Units.ToString(CultureInfo.InvariantCulture),
        ["queuewaitms"] = Format(QueueWaitMs),
        ["downloadms"] = Format(DownloadMs),
        ["scorems"] = Format(ScoreMs),
        ["uploadms"] = Format(UploadMs),
        ["completedon"] = CompletedOn?.ToString("O", CultureInfo.InvariantCulture) ?? "-",
    };

    /// <summary>Reads marker metadata; missing or malformed values count as 0 (or no time).</summary>
    /// <param name="metadata">The metadata.</param>
    /// <returns>The timings.</returns>
    public static ShardTimings FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        double Read(string name) =>
            metadata.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
        var completedOn = metadata.TryGetValue("completedon", out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when) ? when : (DateTimeOffset?)null;
        return new ShardTimings((int)Read("units"), Read("queuewaitms"), Read("downloadms"), Read("scorems"), Read("uploadms"), completedOn);
    }

    private static string Format(double ms) => Math.Round(ms, 3).ToString("0.###", CultureInfo.InvariantCulture);
}
