using IcedServerless.Storage;

namespace IcedServerless.Testing;

/// <summary>One shared HTTP Azurite (in memory) for a test collection; stopped when the test run ends.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite is not started.");

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
