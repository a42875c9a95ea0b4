using IcedServerless.Contracts;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.Jobs;
using IcedServerless.Functions.Tests.Infrastructure;
using IcedServerless.Inference;
using Microsoft.Extensions.DependencyInjection;

namespace IcedServerless.Functions.Tests.Pipeline;

/// <summary>
/// What was valid at submission can be gone when a shard runs: the job's model left the catalog (a redeploy), its
/// key set or an input blob was deleted. Each fails the job with its own code instead of looping into poison.
/// A first instance takes the job without a queue listener; a second one, changed, scores it.
/// </summary>
public sealed class ScoringTimeFailureTests : IDisposable
{
    private static readonly Dictionary<string, string?> s_noListener = new() { ["Iced:Local:QueueListener"] = "false" };
    private readonly TempDirectory _root = new();

    private static TestClientCrypto Crypto => TestClientCrypto.Shared;

    private string KeySetId { get; set; } = string.Empty;

    private string JobId { get; set; } = string.Empty;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task ModelRemovedFromTheCatalog_FailsWithUnknownModel()
    {
        var job = await SubmitWithoutScoringAsync(_ => Task.CompletedTask);

        await using var host = await ServiceHost.StartAsync(new RenamedModel(Crypto.Model), ServiceHost.Embedded(_root.Path));
        var status = await host.Client.WaitAsync(job.JobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal(JobErrorCodes.UnknownModel, status.Error!.Code);
        Assert.Contains(SlotwiseTestModel.Id, status.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeySetDeleted_FailsWithUnknownKeySet()
    {
        var job = await SubmitWithoutScoringAsync(storage =>
            storage.Blobs.DeleteIfExistsAsync(new PipelineOptions().KeysContainer, $"sets/{KeySetId}.json"));

        await using var host = await ServiceHost.StartAsync(Crypto.Model, ServiceHost.Embedded(_root.Path));
        var status = await host.Client.WaitAsync(job.JobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal(JobErrorCodes.UnknownKeySet, status.Error!.Code);
    }

    [Fact]
    public async Task InputDeletedAfterSubmission_FailsWithInputMissingNamingTheUnit()
    {
        var job = await SubmitWithoutScoringAsync(storage =>
            storage.Blobs.DeleteIfExistsAsync(new PipelineOptions().InputsContainer, JobRepository.UnitBlob(JobId, 1)));

        await using var host = await ServiceHost.StartAsync(Crypto.Model, ServiceHost.Embedded(_root.Path));
        var status = await host.Client.WaitAsync(job.JobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal((JobErrorCodes.InputMissing, 1), (status.Error!.Code, status.Error.Unit));
    }

    /// <summary>Creates, uploads and submits a 2-unit job on an instance that does not score, then changes storage.</summary>
    private async Task<CreateJobResponse> SubmitWithoutScoringAsync(Func<PipelineStorage, Task> change)
    {
        var settings = new Dictionary<string, string?>(ServiceHost.Embedded(_root.Path));
        foreach (var (k, v) in s_noListener)
        {
            settings[k] = v;
        }

        await using var first = await ServiceHost.StartAsync(Crypto.Model, settings);
        KeySetId = await first.Client.RegisterKeysAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);
        var job = await first.Client.CreateJobAsync(SlotwiseTestModel.Id, KeySetId, 2);
        JobId = job.JobId;
        foreach (var link in job.Uploads)
        {
            await first.Client.UploadAsync(link.Url, Crypto.EncryptUnit(Crypto.Inputs(link.Unit)));
        }

        (await first.Client.SubmitAsync(job)).Dispose();
        await change(first.App.Services.GetRequiredService<PipelineStorage>());
        return job;
    }

    /// <summary>The same model published under another id: the job's model id is no longer in the catalog.</summary>
    private sealed class RenamedModel(IEncryptedModel inner) : IEncryptedModel
    {
        public ModelPlan Plan { get; } = inner.Plan with { ModelId = "test/renamed" };

        public Ckks.CkksContext Context => inner.Context;

        public EvaluationKeys LoadKeys(ReadOnlyMemory<byte>? relinKeys, ReadOnlyMemory<byte>? galoisKeys) => inner.LoadKeys(relinKeys, galoisKeys);

        public IReadOnlyList<Ckks.Ciphertext> Evaluate(IReadOnlyList<Ckks.Ciphertext> unit, EvaluationKeys keys, CancellationToken cancellationToken = default) =>
            inner.Evaluate(unit, keys, cancellationToken);
    }
}
