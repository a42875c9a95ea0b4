using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Storage;

namespace IcedServerless.Functions.Tests.Local;

public sealed class StorageBootstrapTests
{
    [Fact]
    public async Task EnsureAsync_CreatesEveryContainerAndQueue_UnlessTurnedOff()
    {
        using var root = new TempDirectory();
        using var storage = new PipelineStorage(new StorageSettings { EmbeddedRoot = root.Path }, () => new Uri("http://127.0.0.1:1/"));
        var options = new PipelineOptions();

        await new StorageBootstrap(storage, options with { CreateStorageResources = false }).EnsureAsync(CancellationToken.None);
        await Assert.ThrowsAsync<StorageNotFoundException>(() => storage.Blobs.ListBlobsAsync(options.JobsContainer));

        await new StorageBootstrap(storage, options).EnsureAsync(CancellationToken.None);
        foreach (var container in new[] { options.KeysContainer, options.JobsContainer, options.InputsContainer, options.ResultsContainer })
        {
            Assert.Empty((await storage.Blobs.ListBlobsAsync(container)).Items);
        }

        Assert.Equal(0, await storage.Queues.GetApproximateMessageCountAsync(FunctionNames.ShardQueue));
        Assert.Equal(0, await storage.Queues.GetApproximateMessageCountAsync(FunctionNames.PoisonQueue));
    }
}
