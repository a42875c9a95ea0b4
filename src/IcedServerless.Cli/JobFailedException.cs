using IcedServerless.Contracts;

namespace IcedServerless.Cli;

/// <summary>A job ended without results (failed or expired): exit code 4.</summary>
/// <param name="jobId">The job.</param>
/// <param name="state">How it ended.</param>
/// <param name="error">The service's reason, if it gave one.</param>
internal sealed class JobFailedException(string jobId, JobState state, string? error)
    : Exception($"Job {jobId} ended {state}{(string.IsNullOrEmpty(error) ? "." : ": " + error)}")
{
    /// <summary>The job.</summary>
    public string JobId { get; } = jobId;

    /// <summary>How it ended.</summary>
    public JobState State { get; } = state;
}
