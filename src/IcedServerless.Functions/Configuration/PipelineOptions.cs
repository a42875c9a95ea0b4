using IcedServerless.Ckks.Serialization;

namespace IcedServerless.Functions.Configuration;

/// <summary>
/// Settings of the scoring pipeline, bound from the configuration section <c>Iced:Pipeline</c> (app settings
/// <c>Iced__Pipeline__UnitsPerShard</c> and so on). Every value has a working default.
/// </summary>
public sealed record PipelineOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Iced:Pipeline";

    /// <summary>Container of registered key files and key-set manifests. Default <c>iced-keys</c>.</summary>
    public string KeysContainer { get; init; } = "iced-keys";

    /// <summary>Container of job manifests and completion markers. Default <c>iced-jobs</c>.</summary>
    public string JobsContainer { get; init; } = "iced-jobs";

    /// <summary>Container of uploaded input units. Default <c>iced-inputs</c>.</summary>
    public string InputsContainer { get; init; } = "iced-inputs";

    /// <summary>Container of encrypted results. Default <c>iced-results</c>.</summary>
    public string ResultsContainer { get; init; } = "iced-results";

    /// <summary>
    /// Input units per shard (one queue message each). A shard pays a fixed cost (queue pickup, job lookups,
    /// markers: about 15 ms locally) and overlaps the I/O of its units with their scoring, so it should hold at
    /// least a second or so of scoring; smaller shards fan out wider across instances. Default 16.
    /// </summary>
    public int UnitsPerShard { get; init; } = 16;

    /// <summary>The most units one job may have (at most 999,999: unit blobs are named with six digits). Default 10,000.</summary>
    public int MaxUnitsPerJob { get; init; } = 10_000;

    /// <summary>How long a job (and its inputs) lives unless it succeeds first. Default 1 day.</summary>
    public TimeSpan JobLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long input and key upload links work (capped by the job's expiry). Default 1 hour.</summary>
    public TimeSpan UploadLinkLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long result download links work. Default 1 hour.</summary>
    public TimeSpan ResultLinkLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Units scored at once on one instance, across all shards running there. The CKKS context of each model
    /// spreads one operation over <c>cores / ScoringParallelism</c> cores. Default 1 (one unit at a time, every
    /// core on it), which suits the host's <c>batchSize: 1</c>.
    /// </summary>
    public int ScoringParallelism { get; init; } = 1;

    /// <summary>Loaded evaluation-key sets kept in memory (least recently used evicted). Default 4.</summary>
    public int KeySetCacheCapacity { get; init; } = 4;

    /// <summary>
    /// Create the containers and queues on first use. Default true; set false where infrastructure code creates them
    /// and the app's identity holds data roles scoped to them only (creating needs account-level rights).
    /// </summary>
    public bool CreateStorageResources { get; init; } = true;

    /// <summary>Compression of result ciphertexts. Default none: CKKS words barely compress and zlib costs time.</summary>
    public ComprModeType ResultCompression { get; init; } = ComprModeType.None;

    /// <summary>
    /// The polling interval the service asks for: sent as <c>Retry-After</c> (whole seconds, rounded up) on the job
    /// status while the job is not terminal and on the submit answer. Shorter means quicker completion notice for
    /// more status calls; a shard holds seconds of scoring, so polling faster gains little. Default 2 seconds;
    /// 1 second to 1 hour.
    /// </summary>
    public TimeSpan StatusRetryAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(UnitsPerShard, 1, nameof(UnitsPerShard));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUnitsPerJob, 1, nameof(MaxUnitsPerJob));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxUnitsPerJob, 999_999, nameof(MaxUnitsPerJob));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(JobLifetime, TimeSpan.Zero, nameof(JobLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(UploadLinkLifetime, TimeSpan.Zero, nameof(UploadLinkLifetime));

        // A user-delegation SAS cannot outlive 7 days.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ResultLinkLifetime, TimeSpan.FromDays(7), nameof(ResultLinkLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResultLinkLifetime, TimeSpan.Zero, nameof(ResultLinkLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThan(ScoringParallelism, 1, nameof(ScoringParallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(KeySetCacheCapacity, 1, nameof(KeySetCacheCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(StatusRetryAfter, TimeSpan.FromSeconds(1), nameof(StatusRetryAfter));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(StatusRetryAfter, TimeSpan.FromHours(1), nameof(StatusRetryAfter));
    }
}
