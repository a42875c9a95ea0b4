using IcedServerless.Contracts;
using IcedServerless.Functions.Jobs;

namespace IcedServerless.Functions.Tests.Scoring;

/// <summary>The job state is derived from markers; these cases pin the precedence.</summary>
public sealed class JobSnapshotTests
{
    private static readonly DateTimeOffset s_created = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly JobManifest s_manifest = new(JobIds.New(), "m", new string('a', 64), Units: 5, UnitsPerShard: 2, 1000, s_created, s_created.AddHours(1));
    private static readonly ShardTimings s_timing = new(2, 10, 20, 30, 40, s_created.AddMinutes(5));

    public static TheoryData<bool, int[], bool, bool, int, JobState> Cases => new()
    {
        { false, [], false, false, 0, JobState.Created },
        { true, [], false, false, 0, JobState.Queued },
        { true, [0], false, false, 0, JobState.Running },
        { true, [0, 1, 2], false, false, 0, JobState.Succeeded },
        { true, [0, 1], false, true, 0, JobState.Succeeded },
        { true, [0, 1, 2], true, true, 0, JobState.Failed },
        { true, [0], false, false, 2, JobState.Expired },
        { true, [0, 1, 2], false, false, 2, JobState.Succeeded },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void StateAt_FollowsMarkersWithFailureFirstAndExpiryOnlyForUnfinishedJobs(
        bool submitted, int[] done, bool failed, bool succeeded, int hoursLater, JobState expected)
    {
        var snapshot = new JobSnapshot(
            s_manifest, submitted, done.ToDictionary(s => s, _ => s_timing), failed ? new JobError(JobErrorCodes.MalformedCiphertext, "bad", 1, 3) : null,
            succeeded);

        Assert.Equal(expected, snapshot.StateAt(s_created.AddHours(hoursLater)));
    }

    [Fact]
    public void Progress_CountsTheShortLastShardAndSumsTimings()
    {
        var snapshot = new JobSnapshot(s_manifest, true, new Dictionary<int, ShardTimings> { [0] = s_timing, [2] = s_timing }, null, false);

        Assert.Equal(3, snapshot.UnitsDone);
        Assert.Null(snapshot.CompletedOn);
        Assert.Equal(ShardTimings.FromMetadata(s_timing.ToMetadata()), s_timing);
        Assert.Equal(new JobTimings(20, 40, 60, 80), snapshot.Timings);
        Assert.Equal(4..5, s_manifest.UnitsOf(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_manifest.UnitsOf(3));
    }

    [Fact]
    public void ShardMessage_RoundTripsAndRejectsForeignBodies()
    {
        var message = new ShardMessage(JobIds.New(), 7);

        Assert.Equal(message, ShardMessage.TryParse(message.ToBytes()));
        Assert.Null(ShardMessage.TryParse("""{"jobId":"../etc","shard":1}"""u8));
        Assert.Null(ShardMessage.TryParse("""{"jobId":"0123456789abcdef0123456789abcdef","shard":-1}"""u8));
        Assert.Null(ShardMessage.TryParse("""{"jobId":"0123456789abcdef0123456789abcdef","shard":1,"extra":0}"""u8));
        Assert.Null(ShardMessage.TryParse("hello"u8));
    }
}
