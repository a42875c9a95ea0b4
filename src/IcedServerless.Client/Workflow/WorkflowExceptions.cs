using IcedServerless.Contracts;

namespace IcedServerless.Client.Workflow;

/// <summary>The service publishes no model with the id asked for.</summary>
public sealed class ModelNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="modelId">The id asked for.</param>
    /// <param name="known">The ids the service publishes.</param>
    public ModelNotFoundException(string modelId, IEnumerable<string> known)
        : base($"The service has no model '{modelId}' (it publishes: {string.Join(", ", known)}).") => ModelId = modelId;

    /// <summary>The id asked for.</summary>
    public string ModelId { get; }
}

/// <summary>
/// The inputs a job was made from changed since (their fingerprint differs), so its units cannot be completed or its
/// results named: the job must be scored again as a new one.
/// </summary>
public sealed class InputsChangedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="inputPath">Where its inputs were read from.</param>
    public InputsChangedException(string jobId, string inputPath)
        : base($"The images at {inputPath} changed since job {jobId} was created (different files or pixels); score them again as a new job.")
    {
        JobId = jobId;
        InputPath = inputPath;
    }

    /// <summary>The job.</summary>
    public string JobId { get; }

    /// <summary>Where its inputs were read from.</summary>
    public string InputPath { get; }
}

/// <summary>A job ended without results: it failed on the service or expired.</summary>
public sealed class ScoringJobFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="state">How it ended.</param>
    /// <param name="reason">The service's reason, if it gave one.</param>
    public ScoringJobFailedException(string jobId, JobState state, string? reason)
        : base($"Job {jobId} ended {state}{(string.IsNullOrEmpty(reason) ? "." : ": " + reason)}")
    {
        JobId = jobId;
        State = state;
    }

    /// <summary>The job.</summary>
    public string JobId { get; }

    /// <summary>How it ended (<see cref="JobState.Failed"/> or <see cref="JobState.Expired"/>).</summary>
    public JobState State { get; }
}

/// <summary>A job's results were asked for, but its uploads were never completed and submitted.</summary>
public sealed class JobNotSubmittedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jobId">The job.</param>
    public JobNotSubmittedException(string jobId)
        : base($"Job {jobId} was never submitted (its uploads did not finish); continue it with `iced score --resume {jobId}`.") => JobId = jobId;

    /// <summary>The job.</summary>
    public string JobId { get; }
}

/// <summary>
/// The service's model plan lacks what the client needs (e.g. how to preprocess images): the service is older than
/// this client. Guessing would silently feed the model wrongly scaled pixels.
/// </summary>
public sealed class PlanIncompleteException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="modelId">The model whose plan is incomplete.</param>
    /// <param name="missing">What the plan does not say, e.g. "how to preprocess images".</param>
    public PlanIncompleteException(string modelId, string missing)
        : base($"The service's model plan for {modelId} does not say {missing}; upgrade the service (it is older than this client).") => ModelId = modelId;

    /// <summary>The model.</summary>
    public string ModelId { get; }
}
