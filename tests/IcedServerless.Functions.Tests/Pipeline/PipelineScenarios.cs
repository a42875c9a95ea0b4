using System.Net;
using IcedServerless.Contracts;
using IcedServerless.Functions.Configuration;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Functions.Jobs;
using IcedServerless.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IcedServerless.Functions.Tests.Pipeline;

/// <summary>
/// End-to-end behaviour every storage backend must show: a client registers keys, creates a job, uploads by link,
/// submits, polls, and decrypts results equal to the plaintext model's predictions; repeated calls and duplicate
/// deliveries change nothing; bad input fails the job with a clear error.
/// </summary>
public abstract partial class PipelineScenarios
{
    private protected static TestClientCrypto Crypto => TestClientCrypto.Shared;

    /// <summary>The settings that point the service at this backend.</summary>
    private protected abstract Dictionary<string, string?> BackendSettings();

    /// <summary>Starts the service on this backend with the given model (the real one by default) and extra settings.</summary>
    private protected Task<ServiceHost> StartAsync(FaultyModel? model = null, IDictionary<string, string?>? settings = null)
    {
        var all = BackendSettings();
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        return ServiceHost.StartAsync(model ?? (Inference.IEncryptedModel)Crypto.Model, all);
    }

    [Fact]
    public async Task Job_RegisterUploadSubmitPoll_ResultsDecryptToThePlaintextModelsPredictions()
    {
        await using var host = await StartAsync(settings: new Dictionary<string, string?> { ["Iced:Pipeline:UnitsPerShard"] = "2" });
        var keySetId = await host.Client.RegisterKeysAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);
        var job = await host.Client.CreateJobAsync(SlotwiseTestModel.Id, keySetId, units: 5);
        Assert.Equal(3, job.Shards);
        var inputs = Enumerable.Range(0, 5).Select(u => Crypto.Inputs(seed: 100 + u)).ToArray();
        foreach (var link in job.Uploads)
        {
            await host.Client.UploadAsync(link.Url, Crypto.EncryptUnit(inputs[link.Unit]));
        }

        using var submitted = await host.Client.SubmitAsync(job);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.Equal(job.StatusUrl, submitted.Headers.Location);

        var status = await host.Client.WaitAsync(job.JobId);

        Assert.Equal(JobState.Succeeded, status.State);
        Assert.Null(status.Error);
        Assert.Equal(new JobProgress(3, 3, 5, 5), status.Progress);
        Assert.True(status.Timings.ScoreMs > 0);
        Assert.InRange(status.CompletedOn!.Value, status.CreatedOn, DateTimeOffset.UtcNow);
        Assert.Equal(Enumerable.Range(0, 5), status.Results!.Select(r => r.Unit));
        foreach (var result in status.Results!)
        {
            var logits = Crypto.DecryptResult(await host.Client.DownloadAsync(result.Url));
            var expected = SlotwiseTestModel.Predict(inputs[result.Unit]);
            Assert.Equal(2, logits.Length);
            for (var c = 0; c < 2; c++)
            {
                var worst = expected[c].Zip(logits[c], (e, a) => Math.Abs(e - a)).Max();
                Assert.True(worst < 1e-4, $"unit {result.Unit}, class {c}: max error {worst}");
            }
        }

        // Inputs are kept until the job succeeds, then removed.
        var storage = host.App.Services.GetRequiredService<PipelineStorage>();
        var options = host.App.Services.GetRequiredService<PipelineOptions>();
        Assert.False(await storage.Blobs.ExistsAsync(options.InputsContainer, JobRepository.UnitBlob(job.JobId, 0)));

        // Structured logs name the job and shard; none carries a link signature.
        Assert.Contains(host.Logs.Entries, e => e.Message.Contains("Scored shard", StringComparison.Ordinal)
            && Equals(e.Scope.GetValueOrDefault("JobId"), job.JobId) && e.Scope.ContainsKey("Shard"));
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains("sig=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DuplicateSubmitAndDuplicateDeliveries_LeaveTheResultsByteForByteUnchanged()
    {
        await using var host = await StartAsync();
        var (job, _) = await SubmitJobAsync(host, units: 2, unit => Crypto.EncryptUnit(Crypto.Inputs(unit)));
        var done = await host.Client.WaitAsync(job.JobId);
        Assert.Equal(JobState.Succeeded, done.State);
        var before = await Task.WhenAll(done.Results!.Select(r => host.Client.DownloadAsync(r.Url)));

        // The client retries submit, and every shard message is delivered again.
        using (var again = await host.Client.SubmitAsync(job))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            Assert.Equal(JobState.Succeeded, (await host.Client.ReadAsync<SubmitJobResponse>(again)).State);
        }

        var storage = host.App.Services.GetRequiredService<PipelineStorage>();
        for (var shard = 0; shard < job.Shards; shard++)
        {
            await storage.Queues.SendMessageAsync(FunctionNames.ShardQueue, new ShardMessage(job.JobId, shard).ToBytes());
            await storage.Queues.SendMessageAsync(FunctionNames.ShardQueue, new ShardMessage(job.JobId, shard).ToBytes());
        }

        await WaitForEmptyQueueAsync(storage);
        var after = await host.Client.StatusAsync(job.JobId);
        Assert.Equal(JobState.Succeeded, after.State);
        Assert.Null(after.Error);
        var bytesAfter = await Task.WhenAll(after.Results!.Select(r => host.Client.DownloadAsync(r.Url)));
        Assert.Equal(before, bytesAfter);
    }

    [Fact]
    public async Task CorruptCiphertext_FailsTheJobWithMalformedCiphertextNamingTheUnit()
    {
        await using var host = await StartAsync();
        var (job, _) = await SubmitJobAsync(host, units: 3, unit =>
        {
            var bytes = Crypto.EncryptUnit(Crypto.Inputs(unit));
            if (unit == 1)
            {
                bytes[bytes.Length / 2] ^= 0xFF; // inside the zlib stream: the checksum or a word bound breaks
            }

            return bytes;
        });

        var status = await host.Client.WaitAsync(job.JobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal(JobErrorCodes.MalformedCiphertext, status.Error!.Code);
        Assert.Equal(1, status.Error.Unit);
        Assert.Contains("Unit 1, ciphertext 0", status.Error.Message, StringComparison.Ordinal);
        Assert.Null(status.Results);
    }

    private protected static async Task<(CreateJobResponse Job, string KeySetId)> SubmitJobAsync(ServiceHost host, int units, Func<int, byte[]> unitBytes)
    {
        var keySetId = await host.Client.RegisterKeysAsync(SlotwiseTestModel.Id, Crypto.RelinKeys, Crypto.GaloisKeys);
        var job = await host.Client.CreateJobAsync(SlotwiseTestModel.Id, keySetId, units);
        foreach (var link in job.Uploads)
        {
            await host.Client.UploadAsync(link.Url, unitBytes(link.Unit));
        }

        using var submitted = await host.Client.SubmitAsync(job);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return (job, keySetId);
    }

    private protected static async Task WaitForEmptyQueueAsync(PipelineStorage storage)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await storage.Queues.GetApproximateMessageCountAsync(FunctionNames.ShardQueue) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The shard queue did not drain.");
            await Task.Delay(100);
        }
    }
}
