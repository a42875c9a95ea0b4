using System.Net;
using IcedServerless.Client;
using IcedServerless.Contracts;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.Jobs;
using IcedServerless.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IcedServerless.Functions.Tests.Pipeline;

/// <summary>The scenarios on the embedded store, plus input validation and worker faults.</summary>
public sealed class EmbeddedPipelineTests : PipelineScenarios, IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private protected override Dictionary<string, string?> BackendSettings() => ServiceHost.Embedded(_root.Path);

    [Fact]
    public async Task WorkerStoppedMidShard_RestartedWorkerFinishesTheJobAndKeepsTheResultsWrittenBefore()
    {
        // Units are scored in order with the previous unit's write in flight, so when unit 2 is held unit 0 is
        // surely written and unit 3 surely not.
        var holding = new FaultyModel(Crypto.Model) { HoldEvaluation = 3 };
        var inputs = Enumerable.Range(0, 4).Select(u => Crypto.Inputs(200 + u)).ToArray();
        CreateJobResponse job;
        byte[] firstResult;
        await using (var host = await StartAsync(holding, new Dictionary<string, string?> { ["Iced:Pipeline:UnitsPerShard"] = "4" }))
        {
            (job, _) = await SubmitJobAsync(host, units: 4, unit => Crypto.EncryptUnit(inputs[unit]));
            await holding.Held.WaitAsync(TimeSpan.FromSeconds(60));

            // Unit 0 is written, unit 2 is being scored: the worker stops here, its message still leased.
            var storage = host.App.Services.GetRequiredService<PipelineStorage>();
            firstResult = await ReadResultAsync(storage, job.JobId, 0);
            Assert.False(await storage.Blobs.ExistsAsync(new PipelineOptions().ResultsContainer, JobRepository.UnitBlob(job.JobId, 3)));
        }

        await using (var restarted = await StartAsync())
        {
            var status = await restarted.Client.WaitAsync(job.JobId);

            Assert.Equal(JobState.Succeeded, status.State);
            var storage = restarted.App.Services.GetRequiredService<PipelineStorage>();
            Assert.Equal(firstResult, await ReadResultAsync(storage, job.JobId, 0));
            foreach (var result in status.Results!)
            {
                var logits = Crypto.DecryptResult(await restarted.Client.DownloadAsync(result.Url));
                var expected = SlotwiseTestModel.Predict(inputs[result.Unit]);
                Assert.True(expected[1].Zip(logits[1], (e, a) => Math.Abs(e - a)).Max() < 1e-4);
            }
        }
    }

    [Fact]
    public async Task EveryDeliveryCrashes_MessageIsPoisonedAndTheJobFailsWithShardPoisoned()
    {
        var crashing = new FaultyModel(Crypto.Model) { AlwaysFail = true };
        using var appRoot = new TempDirectory();
        HostJsonCopies.Write(appRoot.Path, queues => { queues["maxDequeueCount"] = 2; queues["visibilityTimeout"] = "00:00:00"; });
        await using var host = await StartAsync(crashing, new Dictionary<string, string?> { ["Iced:Local:AppRoot"] = appRoot.Path });
        var (job, _) = await SubmitJobAsync(host, units: 1, unit => Crypto.EncryptUnit(Crypto.Inputs(unit)));

        var status = await host.Client.WaitAsync(job.JobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal(JobErrorCodes.ShardPoisoned, status.Error!.Code);
        Assert.Equal(0, status.Error.Shard);
        Assert.Equal(2, crashing.Evaluations); // exactly maxDequeueCount deliveries were attempted
    }

    [Fact]
    public async Task CiphertextAtAnotherLevel_FailsWithMismatchedCiphertext()
    {
        await using var host = await StartAsync();
        var lower = Crypto.Model.Context.FirstContextData.Next!.ParmsId;
        var (job, _) = await SubmitJobAsync(host, units: 1, unit => Crypto.EncryptUnit(Crypto.Inputs(unit), lower));

        var status = await host.Client.WaitAsync(job.JobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal(JobErrorCodes.MismatchedCiphertext, status.Error!.Code);
        Assert.Contains("chain index 1", status.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitWithTwoCiphertexts_FailsWithWrongCiphertextCount()
    {
        // Two seeded ciphertexts fit in the size of one full one, so the count check (not the size limit) refuses them.
        await using var host = await StartAsync();
        var (job, _) = await SubmitJobAsync(
            host, units: 1, unit => [.. Crypto.EncryptUnitSeeded(Crypto.Inputs(1)), .. Crypto.EncryptUnitSeeded(Crypto.Inputs(2))]);

        var status = await host.Client.WaitAsync(job.JobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal(JobErrorCodes.WrongCiphertextCount, status.Error!.Code);
    }

    [Fact]
    public async Task Submit_WithUnitsMissingOrOversized_IsRefusedWithTheUnitsNamed()
    {
        await using var host = await StartAsync();
        var keySetId = await host.Client.RegisterKeysAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);
        var job = await host.Client.CreateJobAsync(SlotwiseTestModel.Id, keySetId, units: 3);
        await host.Client.UploadAsync(job.Uploads[0].Url, Crypto.EncryptUnit(Crypto.Inputs(0)));

        using (var missing = await host.Client.SubmitAsync(job))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            var error = (await host.Client.ReadAsync<ErrorResponse>(missing)).Error;
            Assert.Equal(ApiErrorCodes.InputsMissing, error.Code);
            Assert.Equal([1, 2], error.Units!);
        }

        await host.Client.UploadAsync(job.Uploads[1].Url, Crypto.EncryptUnit(Crypto.Inputs(1)));
        await host.Client.UploadAsync(job.Uploads[2].Url, new byte[Functions.Scoring.UnitCodec.MaxUnitBytes(Crypto.Model) + 1]);
        using (var oversized = await host.Client.SubmitAsync(job))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
            Assert.Equal([2], (await host.Client.ReadAsync<ErrorResponse>(oversized)).Error.Units!);
        }

        Assert.Equal(JobState.Created, (await host.Client.StatusAsync(job.JobId)).State);
    }

    [Fact]
    public async Task UploadLinks_AreCreateOnlyAndPerBlob()
    {
        await using var host = await StartAsync();
        var keySetId = await host.Client.RegisterKeysAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);
        var job = await host.Client.CreateJobAsync(SlotwiseTestModel.Id, keySetId, units: 2);
        await host.Client.UploadAsync(job.Uploads[0].Url, [1, 2, 3]);

        using var overwrite = await host.Client.PutAsync(job.Uploads[0].Url, [4, 5, 6]);
        using var read = await host.Http.GetAsync(job.Uploads[0].Url);
        var otherBlob = new Uri(job.Uploads[0].Url.AbsoluteUri.Replace("000000.bin", "000001.bin", StringComparison.Ordinal));
        using var forged = await host.Client.PutAsync(otherBlob, [7]);

        Assert.Equal(HttpStatusCode.Conflict, overwrite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Fact]
    public async Task RegisterKeys_ValidatesAgainstTheModelAndIsContentAddressed()
    {
        await using var host = await StartAsync();
        var first = await host.Client.RegisterKeysAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);

        // The same files again: registered at once, same id, nothing to upload.
        using var again = await host.Client.PostAsync(
            "api/keysets", new RegisterKeySetRequest(SlotwiseTestModel.Id, TestClientCrypto.Describe(Crypto.RelinKeys), TestClientCrypto.Describe(Crypto.GaloisKeys)));
        var response = await host.Client.ReadAsync<KeySetResponse>(again);
        Assert.Equal((HttpStatusCode.OK, first, KeySetState.Registered), (again.StatusCode, response.KeySetId, response.State));

        // Galois key bytes declared as relinearization keys: uploaded fine, refused when loaded for the model.
        var swapped = new RegisterKeySetRequest(SlotwiseTestModel.Id, TestClientCrypto.Describe(Crypto.GaloisKeys), TestClientCrypto.Describe(Crypto.GaloisKeys));
        using var refused = await host.Client.PostAsync("api/keysets", swapped);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(ApiErrorCodes.InvalidKeys, (await host.Client.ReadAsync<ErrorResponse>(refused)).Error.Code);

        // Unknown model, unknown key set, missing keys.
        using var unknownModel = await host.Client.PostAsync("api/jobs", new CreateJobRequest("no/such-model", first, 1));
        using var unknownKeys = await host.Client.PostAsync("api/jobs", new CreateJobRequest(SlotwiseTestModel.Id, new string('a', 64), 1));
        using var noGalois = await host.Client.PostAsync(
            "api/keysets", new RegisterKeySetRequest(SlotwiseTestModel.Id, TestClientCrypto.Describe(Crypto.RelinKeys), null));
        Assert.Equal(ApiErrorCodes.UnknownModel, (await host.Client.ReadAsync<ErrorResponse>(unknownModel)).Error.Code);
        Assert.Equal(HttpStatusCode.NotFound, unknownKeys.StatusCode);
        Assert.Equal(ApiErrorCodes.UnknownKeySet, (await host.Client.ReadAsync<ErrorResponse>(unknownKeys)).Error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, noGalois.StatusCode);

        // Through the client library a null file means "none" (not an empty file), so the service names what is missing.
        byte[]? none = null;
        var refusal = await Assert.ThrowsAsync<ScoringApiException>(() => host.Client.Scoring.RegisterKeySetAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, none));
        Assert.Equal((400, ApiErrorCodes.BadRequest), (refusal.Status, refusal.Error!.Code));
        Assert.Contains("needs galoisKeys", refusal.Error.Message, StringComparison.Ordinal);
    }

    private static async Task<byte[]> ReadResultAsync(PipelineStorage storage, string jobId, int unit)
    {
        using var buffer = new MemoryStream();
        await storage.Blobs.DownloadToAsync(new PipelineOptions().ResultsContainer, JobRepository.UnitBlob(jobId, unit), buffer);
        return buffer.ToArray();
    }
}
