using IcedServerless.Contracts;

namespace IcedServerless.Client;

/// <summary>A job did not finish within the time the caller allowed; it keeps running on the service.</summary>
public sealed class ScoringTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="timeout">The time allowed.</param>
    /// <param name="lastStatus">The last status read, if any.</param>
    public ScoringTimeoutException(string jobId, TimeSpan timeout, JobStatus? lastStatus)
        : base(
            $"Job {jobId} did not finish within {timeout}"
            + (lastStatus is null ? string.Empty : $" (still {lastStatus.State.ToString().ToLowerInvariant()}, {lastStatus.Progress.ShardsDone}/{lastStatus.Progress.Shards} shards done)")
            + $"; it keeps running: wait again with `iced wait {jobId}`.")
    {
        JobId = jobId;
        Timeout = timeout;
        LastStatus = lastStatus;
    }

    /// <summary>The job.</summary>
    public string JobId { get; }

    /// <summary>The time allowed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The last status read, if any.</summary>
    public JobStatus? LastStatus { get; }
}
