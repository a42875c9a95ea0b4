namespace IcedServerless.Functions.Jobs;

/// <summary>
/// What a job is, written once (create-only) when it is created and never changed: everything a shard worker
/// needs besides the shard number in its message.
/// </summary>
/// <param name="JobId">The job id.</param>
/// <param name="ModelId">The model.</param>
/// <param name="KeySetId">The registered key set.</param>
/// <param name="Units">Input units.</param>
/// <param name="UnitsPerShard">Units per shard (the last shard may have fewer).</param>
/// <param name="MaxUnitBytes">The largest an input unit may be; larger ones are refused before download.</param>
/// <param name="CreatedOn">Creation time.</param>
/// <param name="ExpiresOn">When the job expires unless it succeeded.</param>
public sealed record JobManifest(
    string JobId,
    string ModelId,
    string KeySetId,
    int Units,
    int UnitsPerShard,
    long MaxUnitBytes,
    DateTimeOffset CreatedOn,
    DateTimeOffset ExpiresOn)
{
    /// <summary>The number of shards.</summary>
    public int Shards => (Units + UnitsPerShard - 1) / UnitsPerShard;

    /// <summary>The units of a shard.</summary>
    /// <param name="shard">The shard, 0 to <see cref="Shards"/> − 1.</param>
    /// <returns>The unit indices.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No such shard.</exception>
    public Range UnitsOf(int shard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, Shards);
        var first = shard * UnitsPerShard;
        return first..Math.Min(first + UnitsPerShard, Units);
    }
}
