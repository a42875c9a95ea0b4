using IcedServerless.Storage.Blobs;
using IcedServerless.Storage.Queues;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Http;

/// <summary>
/// Recovery against a real emulator that goes away: a private Azurite (so the shared one is never disturbed) is
/// stopped mid-sequence. With it restarted inside the retry window the operation succeeds; left down, the
/// client fails with a clear network error once its attempts are spent.
/// </summary>
public sealed class AzuriteRestartTests : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    private AzuriteProcess Azurite => _azurite!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();

    [Fact]
    public async Task OperationIssuedWhileAzuriteIsDown_SucceedsOnceItIsBack()
    {
        // Backoff 0.25, 0.5, 1, 2, 4, 4, ... s (with jitter): about 20 s of patience for a restart.
        var patient = new StorageClientOptions { MaxRetries = 8, RetryDelay = TimeSpan.FromMilliseconds(250), MaxRetryDelay = TimeSpan.FromSeconds(4) };
        using var queues = new AzureQueueStore(StorageConnection.ForAzurite(Azurite.BlobPort, Azurite.QueuePort), patient);
        var queue = Names.Unique("q");
        await queues.CreateQueueIfNotExistsAsync(queue);

        await Azurite.StopAsync();
        var pending = queues.CreateQueueIfNotExistsAsync(queue);
        await Azurite.StartAgainAsync();

        // In-memory persistence: the restarted emulator is empty, so the retried call creates the queue anew.
        Assert.True(await pending);
        await queues.SendMessageAsync(queue, "after restart"u8.ToArray());
        Assert.Equal("after restart", Assert.Single(await queues.ReceiveMessagesAsync(queue, 1, TimeSpan.FromMinutes(1))).GetBodyAsString());
    }

    [Fact]
    public async Task AzuriteStaysDown_FailsWithANetworkFailureNamingTheResource()
    {
        var impatient = new StorageClientOptions { MaxRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(10) };
        using var blobs = new AzureBlobStore(StorageConnection.ForAzurite(Azurite.BlobPort, Azurite.QueuePort), impatient);
        await Azurite.StopAsync();

        var e = await Assert.ThrowsAsync<StorageException>(() => blobs.GetPropertiesAsync("images", "a.bin"));

        Assert.Equal(0, e.Status);
        Assert.Equal(StorageErrorCodes.NetworkFailure, e.ErrorCode);
        Assert.Contains("'images/a.bin'", e.Message);
        Assert.Contains("3 attempts", e.Message);
        await Azurite.StartAgainAsync();
    }
}
