using IcedServerless.Contracts;

namespace IcedServerless.Functions.Jobs;

/// <summary>
/// A job as its blobs describe it at one moment: the manifest plus the markers found by one listing. The state is
/// derived, never stored, so there is no status document to keep consistent.
/// </summary>
/// <param name="Manifest">The manifest.</param>
/// <param name="Submitted">Whether the submit marker exists.</param>
/// <param name="Done">Finished shards and their timings.</param>
/// <param name="Failure">The first failure marker (lowest shard), if any.</param>
/// <param name="Succeeded">Whether the success marker exists.</param>
public sealed record JobSnapshot(
    JobManifest Manifest,
    bool Submitted,
    IReadOnlyDictionary<int, ShardTimings> Done,
    JobError? Failure,
    bool Succeeded)
{
    /// <summary>Whether every shard has its completion marker.</summary>
    public bool AllShardsDone => Done.Count == Manifest.Shards;

    /// <summary>The state at <paramref name="now"/>. Failure wins over success: a failed job's results are not all trustworthy.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The state.</returns>
    public JobState StateAt(DateTimeOffset now) =>
        Failure is not null ? JobState.Failed
        : Succeeded || AllShardsDone ? JobState.Succeeded
        : now >= Manifest.ExpiresOn ? JobState.Expired
        : Done.Count > 0 ? JobState.Running
        : Submitted ? JobState.Queued
        : JobState.Created;

    /// <summary>Units whose shard finished.</summary>
    public int UnitsDone => Done.Keys.Sum(shard => Manifest.UnitsOf(shard).GetOffsetAndLength(Manifest.Units).Length);

    /// <summary>When the last shard finished, once all have.</summary>
    public DateTimeOffset? CompletedOn => AllShardsDone ? Done.Values.Max(t => t.CompletedOn) : null;

    /// <summary>Stage times summed over finished shards.</summary>
    public JobTimings Timings => new(
        Done.Values.Sum(t => t.QueueWaitMs), Done.Values.Sum(t => t.DownloadMs), Done.Values.Sum(t => t.ScoreMs), Done.Values.Sum(t => t.UploadMs));
}
