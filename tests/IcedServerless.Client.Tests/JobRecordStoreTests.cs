using IcedServerless.Client.Inputs;
using IcedServerless.Client.Jobs;
using IcedServerless.Contracts;
using IcedServerless.Testing;

namespace IcedServerless.Client.Tests;

public sealed class JobRecordStoreTests
{
    private static JobRecord Record(string id, DateTimeOffset created) => new(
        id, "embedded", "pneumoniamnist-28/latency", "/home/u/.iced/keys/pneumoniamnist-28/latency", new string('a', 64), "/data/xrays",
        NpzSplit.Test, new string('b', 64), 3, [new UnitRange(0, 1), new UnitRange(1, 1), new UnitRange(2, 1)], [], created,
        created.AddDays(1), JobState.Created);

    [Fact]
    public async Task Records_round_trip_track_uploads_and_list_newest_first()
    {
        using var home = new TempDirectory();
        var store = new JobRecordStore(home.Path);
        var now = DateTimeOffset.UtcNow;
        var first = Record("0123456789abcdef0123456789abcdef", now.AddMinutes(-5)).WithUploaded(2).WithUploaded(0).WithUploaded(2);
        await store.SaveAsync(first);
        await store.SaveAsync(Record("fedcba9876543210fedcba9876543210", now) with { State = JobState.Queued });

        var loaded = await store.LoadAsync(first.JobId);
        Assert.Equal([0, 2], loaded.UnitsUploaded);
        Assert.Equal([1], loaded.PendingUploads);
        Assert.Equal(first.Units, loaded.Units);
        Assert.Equal(first with { Units = loaded.Units, UnitsUploaded = loaded.UnitsUploaded }, loaded);
        Assert.Equal(["fedcba9876543210fedcba9876543210", first.JobId], (await store.ListAsync()).Select(r => r.JobId));
        Assert.Empty(Directory.GetFiles(store.Directory, "*.tmp"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(store.Directory, first.JobId + ".json")));
        }
    }

    [Fact]
    public async Task Unknown_and_malicious_ids_are_typed_errors()
    {
        using var home = new TempDirectory();
        var store = new JobRecordStore(home.Path);
        Assert.Empty(await store.ListAsync());
        var unknown = await Assert.ThrowsAsync<JobRecordNotFoundException>(() => store.LoadAsync("0123456789abcdef0123456789abcdef"));
        Assert.Contains("no record", unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<JobRecordNotFoundException>(() => store.LoadAsync("../../etc/passwd"));
        await Assert.ThrowsAsync<JobRecordNotFoundException>(() => store.SaveAsync(Record("../escape", DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void Home_comes_from_the_environment_and_names_the_key_folders()
    {
        var previous = Environment.GetEnvironmentVariable(IcedHome.Variable);
        try
        {
            Environment.SetEnvironmentVariable(IcedHome.Variable, "/tmp/iced-home-test");
            Assert.Equal("/tmp/iced-home-test", IcedHome.Resolve());
            Environment.SetEnvironmentVariable(IcedHome.Variable, null);
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".iced"), IcedHome.Resolve());
        }
        finally
        {
            Environment.SetEnvironmentVariable(IcedHome.Variable, previous);
        }

        Assert.Equal(Path.Combine("/h", "keys", "pneumoniamnist-28", "latency"), IcedHome.KeysDirectory("/h", "pneumoniamnist-28/latency"));
        Assert.Throws<ArgumentException>(() => IcedHome.KeysDirectory("/h", "../x/latency"));
    }
}
