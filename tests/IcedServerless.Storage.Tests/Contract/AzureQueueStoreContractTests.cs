using IcedServerless.Storage.Queues;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Contract;

/// <summary>The queue contract against real Azurite over SharedKey.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureQueueStoreContractTests(AzuriteFixture fixture) : QueueStoreContractTests, IDisposable
{
    private readonly AzureQueueStore _store = new(fixture.Connection);

    protected override IQueueStore Store => _store;

    public void Dispose() => _store.Dispose();
}
