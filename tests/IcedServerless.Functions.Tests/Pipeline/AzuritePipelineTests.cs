using IcedServerless.Contracts;
using IcedServerless.Functions.Tests.Infrastructure;

namespace IcedServerless.Functions.Tests.Pipeline;

/// <summary>Tests in this collection share one in-memory Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>The scenarios on Azurite, through the Azure REST stores and real SAS links.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuritePipelineTests(AzuriteFixture azurite) : PipelineScenarios
{
    // Each test's jobs are independent of the others' on the shared containers and queue.
    private protected override Dictionary<string, string?> BackendSettings() => ServiceHost.Azurite(azurite.Azurite.BlobPort, azurite.Azurite.QueuePort);
}

/// <summary>
/// The emulator itself goes away mid-job: a private, disk-backed Azurite is stopped while a shard is being
/// scored and started again on the same ports. The storage client's retries carry the writes over the gap, the
/// leased message survives on disk, and the job completes with correct results.
/// </summary>
public sealed class AzuriteRestartTests : IAsyncLifetime
{
    private readonly TempDirectory _workspace = new();
    private AzuriteProcess? _azurite;

    private static TestClientCrypto Crypto => TestClientCrypto.Shared;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartPersistentAsync(_workspace.Path);

    public async Task DisposeAsync()
    {
        await _azurite!.DisposeAsync();
        _workspace.Dispose();
    }

    [Fact]
    public async Task AzuriteRestartedDuringAJob_TheJobStillSucceedsWithCorrectResults()
    {
        var holding = new FaultyModel(Crypto.Model) { HoldEvaluation = 2 };
        var inputs = Enumerable.Range(0, 3).Select(u => Crypto.Inputs(300 + u)).ToArray();
        await using var host = await ServiceHost.StartAsync(holding, ServiceHost.Azurite(_azurite!.BlobPort, _azurite.QueuePort));
        var keySetId = await host.Client.RegisterKeysAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);
        var job = await host.Client.CreateJobAsync(SlotwiseTestModel.Id, keySetId, units: 3);
        foreach (var link in job.Uploads)
        {
            await host.Client.UploadAsync(link.Url, Crypto.EncryptUnit(inputs[link.Unit]));
        }

        (await host.Client.SubmitAsync(job)).Dispose();
        await holding.Held.WaitAsync(TimeSpan.FromSeconds(60));

        await _azurite.StopGracefullyAsync();
        holding.Release(); // the held unit is scored and its upload meets a dead emulator
        await Task.Delay(TimeSpan.FromSeconds(2));
        await _azurite.StartAgainAsync();

        var status = await host.Client.WaitAsync(job.JobId);

        Assert.Equal(JobState.Succeeded, status.State);
        foreach (var result in status.Results!)
        {
            var logits = Crypto.DecryptResult(await host.Client.DownloadAsync(result.Url));
            var expected = SlotwiseTestModel.Predict(inputs[result.Unit]);
            Assert.True(expected[0].Zip(logits[0], (e, a) => Math.Abs(e - a)).Max() < 1e-4, $"unit {result.Unit}");
        }
    }
}
