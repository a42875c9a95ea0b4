namespace IcedServerless.Client.Jobs;

/// <summary>No job record with this id exists on this machine (or the id is not a job id).</summary>
public sealed class JobRecordNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jobId">The id asked for.</param>
    /// <param name="message">What is wrong and what to do.</param>
    public JobRecordNotFoundException(string jobId, string message)
        : base(message) => JobId = jobId;

    /// <summary>The id asked for.</summary>
    public string JobId { get; }
}
