using System.Globalization;
using System.Text.Json;
using IcedServerless.Functions.HostProtocol;

namespace IcedServerless.Functions.Local;

/// <summary>
/// The queue-trigger settings of host.json (<c>extensions.queues</c>), with the storage extension's defaults for
/// anything absent. The local dispatcher runs with exactly these, so a local run behaves like the host.
/// </summary>
/// <param name="BatchSize">Messages fetched per poll (1–32).</param>
/// <param name="NewBatchThreshold">Fetch again once in-flight messages are at most this many.</param>
/// <param name="MaxPollingInterval">The longest wait between polls of an empty queue.</param>
/// <param name="VisibilityTimeout">How long a failed message stays invisible before its retry.</param>
/// <param name="MaxDequeueCount">Deliveries before a failing message moves to the poison queue.</param>
/// <param name="MessageEncoding"><c>base64</c> or <c>none</c>.</param>
public sealed record QueueTriggerSettings(
    int BatchSize, int NewBatchThreshold, TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout, int MaxDequeueCount, string MessageEncoding)
{
    /// <summary>The shortest polling interval the host uses.</summary>
    public static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads <c>extensions.queues</c> of a host.json document.</summary>
    /// <param name="hostJson">The document's root.</param>
    /// <param name="processorCount">Cores, for the default threshold; <see cref="Environment.ProcessorCount"/> when null.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="FormatException">A value is of the wrong type or out of range.</exception>
    public static QueueTriggerSettings FromHostJson(JsonElement hostJson, int? processorCount = null)
    {
        var queues = HostPayload.Member(HostPayload.Member(hostJson, "extensions"), "queues");
        var batchSize = Int(queues, "batchSize", 16);
        if (batchSize is < 1 or > 32)
        {
            throw new FormatException($"host.json extensions.queues.batchSize must be 1-32; got {batchSize}.");
        }

        var threshold = Int(queues, "newBatchThreshold", batchSize / 2 * (processorCount ?? Environment.ProcessorCount));
        var maxDequeue = Int(queues, "maxDequeueCount", 5);
        if (threshold < 0 || maxDequeue < 1)
        {
            throw new FormatException("host.json extensions.queues: newBatchThreshold must be >= 0 and maxDequeueCount >= 1.");
        }

        var polling = Time(queues, "maxPollingInterval", TimeSpan.FromMinutes(1));
        var encoding = HostPayload.Member(queues, "messageEncoding") is { ValueKind: JsonValueKind.String } e ? e.GetString()!.ToLowerInvariant() : "base64";
        if (encoding is not ("base64" or "none"))
        {
            throw new FormatException($"host.json extensions.queues.messageEncoding must be 'base64' or 'none'; got '{encoding}'.");
        }

        return new QueueTriggerSettings(
            batchSize, threshold, polling < MinPollingInterval ? MinPollingInterval : polling,
            Time(queues, "visibilityTimeout", TimeSpan.Zero), maxDequeue, encoding);
    }

    private static int Int(JsonElement section, string name, int fallback) => HostPayload.Member(section, name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var v) => v,
        { ValueKind: JsonValueKind.Undefined or JsonValueKind.Null } => fallback,
        var other => throw new FormatException($"host.json extensions.queues.{name} must be an integer; got {other}."),
    };

    /// <summary>A timespan as the host reads it: "hh:mm:ss" text, or a number of milliseconds.</summary>
    private static TimeSpan Time(JsonElement section, string name, TimeSpan fallback) => HostPayload.Member(section, name) switch
    {
        { ValueKind: JsonValueKind.String } s when TimeSpan.TryParse(s.GetString(), CultureInfo.InvariantCulture, out var t) && t >= TimeSpan.Zero => t,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var ms) && ms >= 0 => TimeSpan.FromMilliseconds(ms),
        { ValueKind: JsonValueKind.Undefined or JsonValueKind.Null } => fallback,
        var other => throw new FormatException($"host.json extensions.queues.{name} must be a timespan; got {other}."),
    };
}
