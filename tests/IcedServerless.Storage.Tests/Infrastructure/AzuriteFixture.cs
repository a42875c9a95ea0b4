namespace IcedServerless.Storage.Tests.Infrastructure;

/// <summary>One shared HTTP Azurite for the contract suites; stopped when the test run ends.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    internal AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite is not started.");

    public StorageConnection Connection => StorageConnection.ForAzurite(Azurite.BlobPort, Azurite.QueuePort);

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

/// <summary>Tests in this collection share one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
