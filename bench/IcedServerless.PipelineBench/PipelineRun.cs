using System.Diagnostics;
using IcedServerless.Client;
using IcedServerless.Contracts;

namespace IcedServerless.PipelineBench;

/// <summary>The measured stages of one job, in milliseconds.</summary>
internal sealed record PipelineRun(
    int Units, int Shards, double EncryptMs, long UploadBytes, double UploadMs, double ProcessingMs, JobTimings Server, double DownloadMs,
    double MaxError, string Check)
{
    /// <summary>Everything the pipeline adds to scoring while the job runs: queue pickup, server I/O, bookkeeping.</summary>
    public double OverheadMs => ProcessingMs - Server.ScoreMs;

    /// <summary>The time between submission and success spent outside scoring and the server's own transfers.</summary>
    public double QueueAndBookkeepingMs => ProcessingMs - Server.ScoreMs - Server.DownloadMs - Server.UploadMs;

    public static async Task<PipelineRun> ExecuteAsync(ScoringClient client, IWorkload workload, string keySetId, int units)
    {
        var stopwatch = Stopwatch.StartNew();
        var blobs = Enumerable.Range(0, units).Select(workload.EncryptUnit).ToArray();
        var encryptMs = stopwatch.Elapsed.TotalMilliseconds;

        var job = await client.CreateJobAsync(workload.Model.Plan.ModelId, keySetId, units);
        stopwatch.Restart();
        await Parallel.ForEachAsync(job.Uploads, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (link, ct) =>
            await client.UploadAsync(link.Url, blobs[link.Unit], ct));
        var uploadMs = stopwatch.Elapsed.TotalMilliseconds;
        var uploadBytes = blobs.Sum(b => (long)b.Length);
        blobs = [];

        // Submit to the last shard's completion by the service's clock (the same clock here): polling granularity
        // stays out of the measurement.
        var submittedOn = DateTimeOffset.UtcNow;
        await client.SubmitAsync(job);
        var status = await client.WaitForCompletionAsync(job.JobId, TimeSpan.FromMilliseconds(50));
        if (status.State != JobState.Succeeded)
        {
            throw new InvalidOperationException($"Job {job.JobId} ended {status.State}: {status.Error?.Message}");
        }

        var processingMs = (status.CompletedOn!.Value - submittedOn).TotalMilliseconds;
        stopwatch.Restart();
        var results = new byte[units][];
        await Parallel.ForEachAsync(status.Results!, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (link, ct) =>
            results[link.Unit] = await client.DownloadAsync(link.Url, ct));
        var downloadMs = stopwatch.Elapsed.TotalMilliseconds;

        var (maxError, check) = workload.Verify(results);
        return new PipelineRun(units, job.Shards, encryptMs, uploadBytes, uploadMs, processingMs, status.Timings, downloadMs, maxError, check);
    }
}
