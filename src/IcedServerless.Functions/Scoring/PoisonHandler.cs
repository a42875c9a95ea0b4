using IcedServerless.Contracts;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Functions.Jobs;
using Microsoft.Extensions.Logging;

namespace IcedServerless.Functions.Scoring;

/// <summary>
/// The <c>MarkPoisoned</c> function: a shard message that failed every delivery lands in the poison queue, and
/// its job is failed with <see cref="JobErrorCodes.ShardPoisoned"/> so clients stop polling a job that cannot finish.
/// A shard that finished after all (its marker exists) is left alone.
/// </summary>
public sealed partial class PoisonHandler(JobRepository jobs, ILogger<PoisonHandler> logger)
{
    /// <summary>Handles one poisoned message.</summary>
    /// <param name="invocation">The message.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Lines for the host's invocation log.</returns>
    public async Task<IReadOnlyList<string>> HandleAsync(QueueTriggerInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (ShardMessage.TryParse(invocation.Body) is not { } message
            || await jobs.GetManifestAsync(message.JobId, cancellationToken).ConfigureAwait(false) is not { } manifest
            || message.Shard >= manifest.Shards)
        {
            return [$"Ignored poisoned message {invocation.MessageId}: it names no shard of a known job."];
        }

        if (await jobs.IsShardDoneAsync(manifest.JobId, message.Shard, cancellationToken).ConfigureAwait(false))
        {
            return [$"Shard {message.Shard} of job {manifest.JobId} finished after all; nothing to fail."];
        }

        var error = new JobError(
            JobErrorCodes.ShardPoisoned,
            $"Shard {message.Shard} failed on every delivery and was moved to the poison queue; the service logs have the cause.",
            message.Shard);
        await jobs.MarkShardFailedAsync(manifest.JobId, error, cancellationToken).ConfigureAwait(false);
        LogPoisoned(manifest.JobId, message.Shard);
        return [$"Job {manifest.JobId} failed: shard {message.Shard} was poisoned."];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed: shard {Shard} was moved to the poison queue")]
    private partial void LogPoisoned(string jobId, int shard);
}
