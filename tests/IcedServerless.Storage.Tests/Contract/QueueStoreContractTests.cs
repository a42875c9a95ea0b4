using System.Text;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="IQueueStore"/> must have, run against real Azurite and the embedded store.
/// Visibility is whole seconds on both, so redelivery is awaited by polling, never by asserting a duration.
/// </summary>
public abstract class QueueStoreContractTests
{
    private static readonly TimeSpan s_long = TimeSpan.FromMinutes(10);

    protected abstract IQueueStore Store { get; }

    [Fact]
    public async Task CreateQueue_TwiceReportsCreatedOnlyOnce()
    {
        var queue = Names.Unique("q");
        Assert.True(await Store.CreateQueueIfNotExistsAsync(queue));
        Assert.False(await Store.CreateQueueIfNotExistsAsync(queue));
    }

    [Fact]
    public async Task Send_ThenReceive_DeliversTheBodyAsBase64TextWithDequeueCountOne()
    {
        var queue = await NewQueueAsync();
        var body = """{"job":"42","blob":"uploads/a b.bin"}"""u8.ToArray();
        var sent = await Store.SendTextAsync(queue, """{"job":"42","blob":"uploads/a b.bin"}""");

        var received = Assert.Single(await Store.ReceiveMessagesAsync(queue, 16, s_long));

        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(body, received.GetBody());
        Assert.Equal(Convert.ToBase64String(body), received.MessageText);
        Assert.Equal("""{"job":"42","blob":"uploads/a b.bin"}""", received.GetBodyAsString());
        Assert.Equal(1, received.DequeueCount);
        Assert.False(string.IsNullOrEmpty(received.PopReceipt));
        Assert.True(received.NextVisibleOn > DateTimeOffset.UtcNow.AddMinutes(9));
        Assert.True(received.ExpiresOn > DateTimeOffset.UtcNow.AddDays(6));
        Assert.Empty(await Store.ReceiveMessagesAsync(queue, 16, s_long));
    }

    [Fact]
    public async Task Receive_AfterTheVisibilityTimeout_RedeliversWithAHigherDequeueCountAndVoidsTheOldReceipt()
    {
        var queue = await NewQueueAsync();
        await Store.SendMessageAsync(queue, "work"u8.ToArray());
        var first = Assert.Single(await Store.ReceiveMessagesAsync(queue, 1, TimeSpan.FromSeconds(1)));

        var second = await ReceiveWhenVisibleAsync(queue);

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
        var stale = await Assert.ThrowsAsync<PopReceiptMismatchException>(
            () => Store.DeleteMessageAsync(queue, first.MessageId, first.PopReceipt));
        Assert.Equal(400, stale.Status);
        Assert.Equal(StorageErrorCodes.PopReceiptMismatch, stale.ErrorCode);
        await Store.DeleteMessageAsync(queue, second.MessageId, second.PopReceipt);
        Assert.Equal(0, await Store.GetApproximateMessageCountAsync(queue));
    }

    [Fact]
    public async Task UpdateVisibility_ReturnsANewReceiptAndOnlyThatOneDeletes()
    {
        var queue = await NewQueueAsync();
        await Store.SendMessageAsync(queue, "job"u8.ToArray());
        var received = Assert.Single(await Store.ReceiveMessagesAsync(queue, 1, s_long));

        var extended = await Store.UpdateMessageAsync(queue, received.MessageId, received.PopReceipt, TimeSpan.FromMinutes(20));

        Assert.NotEqual(received.PopReceipt, extended.PopReceipt);
        Assert.True(extended.NextVisibleOn > DateTimeOffset.UtcNow.AddMinutes(19));
        Assert.Empty(await Store.ReceiveMessagesAsync(queue, 1, s_long));
        await Assert.ThrowsAsync<PopReceiptMismatchException>(() => Store.DeleteMessageAsync(queue, received.MessageId, received.PopReceipt));
        await Assert.ThrowsAsync<PopReceiptMismatchException>(
            () => Store.UpdateMessageAsync(queue, received.MessageId, received.PopReceipt, TimeSpan.Zero));
        await Store.DeleteMessageAsync(queue, received.MessageId, extended.PopReceipt);
        Assert.Equal(0, await Store.GetApproximateMessageCountAsync(queue));
    }

    [Fact]
    public async Task UpdateToZeroVisibility_WithNewContent_MakesTheMessageReceivableAtOnce()
    {
        var queue = await NewQueueAsync();
        await Store.SendMessageAsync(queue, "attempt 1"u8.ToArray());
        var first = Assert.Single(await Store.ReceiveMessagesAsync(queue, 1, s_long));

        await Store.UpdateMessageAsync(queue, first.MessageId, first.PopReceipt, TimeSpan.Zero, "attempt 2"u8.ToArray());
        var again = Assert.Single(await Store.ReceiveMessagesAsync(queue, 1, s_long));

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal("attempt 2", again.GetBodyAsString());
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task Peek_ShowsVisibleMessagesWithoutHidingOrCountingThem()
    {
        var queue = await NewQueueAsync();
        await Store.SendMessageAsync(queue, "a"u8.ToArray());
        await Store.SendMessageAsync(queue, "b"u8.ToArray());

        var peeked = await Store.PeekMessagesAsync(queue, 32);
        var received = await Store.ReceiveMessagesAsync(queue, 32, s_long);

        Assert.Equal(["a", "b"], peeked.Select(m => m.GetBodyAsString()).Order());
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(2, received.Count);
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
        Assert.Empty(await Store.PeekMessagesAsync(queue, 32));
    }

    [Fact]
    public async Task MessageCount_IncludesInvisibleMessages()
    {
        var queue = await NewQueueAsync();
        await Store.SendMessageAsync(queue, "1"u8.ToArray());
        await Store.SendMessageAsync(queue, "2"u8.ToArray());
        await Store.SendMessageAsync(queue, "3"u8.ToArray(), new QueueSendOptions { VisibilityDelay = TimeSpan.FromMinutes(5) });

        Assert.Equal(3, await Store.GetApproximateMessageCountAsync(queue));
        Assert.Equal(2, (await Store.ReceiveMessagesAsync(queue, 32, s_long)).Count);
        Assert.Equal(3, await Store.GetApproximateMessageCountAsync(queue));
    }

    [Fact]
    public async Task Receive_ReturnsAtMostTheRequestedNumber()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await Store.SendMessageAsync(queue, new[] { (byte)i });
        }

        Assert.Equal(3, (await Store.ReceiveMessagesAsync(queue, 3, s_long)).Count);
        Assert.Equal(2, (await Store.ReceiveMessagesAsync(queue, 3, s_long)).Count);
    }

    [Fact]
    public async Task LargestBody_IsAcceptedAndOneByteMoreIsRejectedLocally()
    {
        var queue = await NewQueueAsync();
        var largest = new byte[QueueLimits.MaxMessageBytes];
        new Random(8).NextBytes(largest);

        await Store.SendMessageAsync(queue, largest);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Store.SendMessageAsync(queue, new byte[QueueLimits.MaxMessageBytes + 1]));

        Assert.Contains("blob", e.Message);
        Assert.Equal(largest, Assert.Single(await Store.ReceiveMessagesAsync(queue, 1, s_long)).GetBody());
    }

    [Fact]
    public async Task MissingQueueOrMessage_ThrowsNotFoundWithTheRightCode()
    {
        var queue = await NewQueueAsync();
        var sent = await Store.SendMessageAsync(queue, "x"u8.ToArray());
        var received = Assert.Single(await Store.ReceiveMessagesAsync(queue, 1, s_long));
        await Store.DeleteMessageAsync(queue, received.MessageId, received.PopReceipt);

        var message = await Assert.ThrowsAsync<StorageNotFoundException>(() => Store.DeleteMessageAsync(queue, sent.MessageId, received.PopReceipt));
        var missing = await Assert.ThrowsAsync<StorageNotFoundException>(() => Store.SendMessageAsync(Names.Unique("gone"), "x"u8.ToArray()));

        Assert.Equal(StorageErrorCodes.MessageNotFound, message.ErrorCode);
        Assert.Equal(StorageErrorCodes.QueueNotFound, missing.ErrorCode);
    }

    [Fact]
    public async Task InvalidArguments_AreRejectedBeforeAnyIo()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateQueueIfNotExistsAsync("Queue_1"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ReceiveMessagesAsync("valid-queue", 33, s_long));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ReceiveMessagesAsync("valid-queue", 1, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ReceiveMessagesAsync("valid-queue", 1, TimeSpan.FromDays(8)));
    }

    [Fact]
    public void GetBody_OnTextThatIsNotBase64_ThrowsFormatException()
    {
        var foreign = new QueueMessage
        {
            MessageId = "m", MessageText = "{not base64}", DequeueCount = 1, InsertedOn = default, ExpiresOn = default,
            PopReceipt = "p", NextVisibleOn = default,
        };

        var e = Assert.Throws<FormatException>(() => foreign.GetBody());
        Assert.Contains("not base64", e.Message);
    }

    protected async Task<string> NewQueueAsync()
    {
        var queue = Names.Unique("q");
        await Store.CreateQueueIfNotExistsAsync(queue);
        return queue;
    }

    private async Task<QueueMessage> ReceiveWhenVisibleAsync(string queue)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var messages = await Store.ReceiveMessagesAsync(queue, 1, s_long);
            if (messages.Count == 1)
            {
                return messages[0];
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The message did not become visible again within 15 s.");
    }
}
