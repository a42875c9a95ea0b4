using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Functions.Jobs;
using IcedServerless.Functions.Tests.Infrastructure;
using IcedServerless.Functions.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace IcedServerless.Functions.Tests.Local;

/// <summary>
/// A local app stopped while it scores a shard (an interrupted <c>iced wait</c>) gives the message back at once
/// instead of hiding it for the rest of its 10-minute lease.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ListenerShutdownTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TempDirectory _root = new();

    private static TestClientCrypto Crypto => TestClientCrypto.Shared;

    public void Dispose() => _root.Dispose();

    [Fact]
    public Task EmbeddedStore_StopWhileScoring_LeavesTheShardMessageVisible() => StopWhileScoringAsync(ServiceHost.Embedded(_root.Path));

    [Fact]
    public Task Azurite_StopWhileScoring_LeavesTheShardMessageVisible() =>
        StopWhileScoringAsync(ServiceHost.Azurite(azurite.Azurite.BlobPort, azurite.Azurite.QueuePort));

    private static async Task StopWhileScoringAsync(Dictionary<string, string?> settings)
    {
        settings["Iced:Local:LeaseVisibility"] = "00:10:00";
        var holding = new FaultyModel(Crypto.Model) { HoldEvaluation = 1 };
        await using var host = await ServiceHost.StartAsync(holding, settings);
        var storage = host.App.Services.GetRequiredService<PipelineStorage>();
        var keySetId = await host.Client.RegisterKeysAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);
        var job = await host.Client.CreateJobAsync(SlotwiseTestModel.Id, keySetId, units: 1);
        await host.Client.UploadAsync(job.Uploads[0].Url, Crypto.EncryptUnit(Crypto.Inputs(0)));
        (await host.Client.SubmitAsync(job)).Dispose();
        await holding.Held.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(await storage.Queues.PeekMessagesAsync(FunctionNames.ShardQueue, 32), m => Mentions(m.MessageText, job.JobId));

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await host.App.StopAsync(timeout.Token);
        }

        // Visible now, with its delivery counted, rather than in ten minutes.
        var visible = Assert.Single(await storage.Queues.PeekMessagesAsync(FunctionNames.ShardQueue, 32), m => Mentions(m.MessageText, job.JobId));
        Assert.Equal(1, visible.DequeueCount);
        Assert.Contains(host.Logs.Entries, e => e.Message.Contains("Released message", StringComparison.Ordinal));
    }

    private static bool Mentions(string base64Text, string jobId) =>
        ShardMessage.TryParse(Convert.FromBase64String(base64Text))?.JobId == jobId;
}
