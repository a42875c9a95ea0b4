using System.Collections.Concurrent;
using IcedServerless.Storage.FileSystem;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.FileSystem;

/// <summary>The embedded queue beyond the shared contract: exact clock behaviour, expiry, concurrency, crashes.</summary>
public sealed class FileSystemQueueStoreTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task VisibilityTimeout_IsExactToTheSecond()
    {
        var store = new FileSystemQueueStore(_root.Path, _clock);
        await store.CreateQueueIfNotExistsAsync("jobs");
        await store.SendMessageAsync("jobs", "x"u8.ToArray());
        var receivedAt = _clock.GetUtcNow();
        var first = Assert.Single(await store.ReceiveMessagesAsync("jobs", 1, TimeSpan.FromSeconds(30)));

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await store.ReceiveMessagesAsync("jobs", 1, TimeSpan.FromSeconds(30)));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = Assert.Single(await store.ReceiveMessagesAsync("jobs", 1, TimeSpan.FromSeconds(30)));

        Assert.Equal(receivedAt.AddSeconds(30), first.NextVisibleOn);
        Assert.Equal(2, second.DequeueCount);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), second.NextVisibleOn);
    }

    [Fact]
    public async Task ExpiredMessages_AreNeitherDeliveredNorPeekedAndAreRemoved()
    {
        var store = new FileSystemQueueStore(_root.Path, _clock);
        await store.CreateQueueIfNotExistsAsync("jobs");
        await store.SendMessageAsync("jobs", "short"u8.ToArray(), new QueueSendOptions { TimeToLive = TimeSpan.FromMinutes(1) });
        var forever = await store.SendMessageAsync("jobs", "forever"u8.ToArray(), new QueueSendOptions { TimeToLive = Timeout.InfiniteTimeSpan });

        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["forever"], (await store.PeekMessagesAsync("jobs", 32)).Select(m => m.GetBodyAsString()));
        Assert.Equal("forever", Assert.Single(await store.ReceiveMessagesAsync("jobs", 32, TimeSpan.FromMinutes(1))).GetBodyAsString());
        Assert.Equal(1, await store.GetApproximateMessageCountAsync("jobs"));
        Assert.Equal(DateTimeOffset.MaxValue, forever.ExpiresOn);
    }

    [Fact]
    public async Task Messages_AreDeliveredInSendOrder()
    {
        var store = new FileSystemQueueStore(_root.Path, _clock);
        await store.CreateQueueIfNotExistsAsync("jobs");
        for (var i = 0; i < 5; i++)
        {
            await store.SendMessageAsync("jobs", new[] { (byte)i });
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        var received = await store.ReceiveMessagesAsync("jobs", 32, TimeSpan.FromMinutes(1));

        Assert.Equal([0, 1, 2, 3, 4], received.Select(m => (int)m.GetBody()[0]));
    }

    [Fact]
    public async Task ConcurrentConsumersOnSeparateStoreInstances_NeverReceiveTheSameMessageTwice()
    {
        const int messages = 120;
        var producer = new FileSystemQueueStore(_root.Path);
        await producer.CreateQueueIfNotExistsAsync("jobs");
        await Task.WhenAll(Enumerable.Range(0, messages).Select(i => producer.SendMessageAsync("jobs", BitConverter.GetBytes(i))));
        var seen = new ConcurrentBag<int>();

        // Each consumer opens the root on its own, as separate processes would; the file lock is the only coordination.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var consumer = new FileSystemQueueStore(_root.Path);
            while (true)
            {
                var batch = await consumer.ReceiveMessagesAsync("jobs", 4, TimeSpan.FromMinutes(10));
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    seen.Add(BitConverter.ToInt32(message.GetBody()));
                    await consumer.DeleteMessageAsync("jobs", message.MessageId, message.PopReceipt);
                }
            }
        })));

        Assert.Equal(Enumerable.Range(0, messages), seen.Order());
        Assert.Equal(0, await producer.GetApproximateMessageCountAsync("jobs"));
    }

    [Fact]
    public async Task LeftoversOfACrash_AreIgnoredAndSweptOnReopen()
    {
        var store = new FileSystemQueueStore(_root.Path, _clock);
        await store.CreateQueueIfNotExistsAsync("jobs");
        await store.SendMessageAsync("jobs", "real"u8.ToArray());
        var directory = Path.Combine(_root.Path, "queues", "jobs");
        var torn = Path.Combine(directory, ".tmp-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(torn, "{\"Id\":");
        File.SetLastWriteTimeUtc(torn, DateTime.UtcNow.AddHours(-2));

        Assert.Equal(1, await store.GetApproximateMessageCountAsync("jobs"));
        Assert.Equal("real", Assert.Single(await store.ReceiveMessagesAsync("jobs", 32, TimeSpan.FromMinutes(1))).GetBodyAsString());
        Assert.False(await store.CreateQueueIfNotExistsAsync("jobs"));
        Assert.False(File.Exists(torn));
    }

    [Fact]
    public async Task MalformedMessageIds_AreNotFound()
    {
        var store = new FileSystemQueueStore(_root.Path, _clock);
        await store.CreateQueueIfNotExistsAsync("jobs");

        var e = await Assert.ThrowsAsync<StorageNotFoundException>(() => store.DeleteMessageAsync("jobs", "*", "receipt"));

        Assert.Equal(StorageErrorCodes.MessageNotFound, e.ErrorCode);
    }
}
