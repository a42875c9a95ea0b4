namespace IcedServerless.Contracts;

/// <summary>The body of <c>POST /api/jobs</c>.</summary>
/// <param name="ModelId">The model to score with.</param>
/// <param name="KeySetId">A registered key set for that model.</param>
/// <param name="Units">How many input units the client will upload (each one blob of the plan's ciphertexts).</param>
public sealed record CreateJobRequest(string ModelId, string KeySetId, int Units);

/// <summary>A link for one input or result unit.</summary>
/// <param name="Unit">The unit index, from 0.</param>
/// <param name="Url">For inputs: PUT (create-only) the unit's ciphertexts here. For results: GET them.</param>
public sealed record UnitLink(int Unit, Uri Url);

/// <summary>The answer of <c>POST /api/jobs</c> (201).</summary>
/// <param name="JobId">The new job's id (32 lowercase hex digits).</param>
/// <param name="ModelId">The model.</param>
/// <param name="KeySetId">The key set.</param>
/// <param name="Units">Input units expected.</param>
/// <param name="Shards">Queue messages the job fans out into when submitted.</param>
/// <param name="ExpiresOn">When the job and its data expire if it has not succeeded.</param>
/// <param name="UploadsExpireOn">When the upload links stop working.</param>
/// <param name="Uploads">One create-only upload link per unit.</param>
/// <param name="SubmitUrl">POST here once every unit is uploaded.</param>
/// <param name="StatusUrl">GET the job's status here.</param>
public sealed record CreateJobResponse(
    string JobId,
    string ModelId,
    string KeySetId,
    int Units,
    int Shards,
    DateTimeOffset ExpiresOn,
    DateTimeOffset UploadsExpireOn,
    IReadOnlyList<UnitLink> Uploads,
    Uri SubmitUrl,
    Uri StatusUrl);

/// <summary>A job's lifecycle state.</summary>
public enum JobState
{
    /// <summary>Created; waiting for uploads and the submit call.</summary>
    Created,

    /// <summary>Submitted; no shard has finished yet.</summary>
    Queued,

    /// <summary>Some shards have finished.</summary>
    Running,

    /// <summary>Every shard finished; results can be downloaded.</summary>
    Succeeded,

    /// <summary>A shard failed; <see cref="JobStatus.Error"/> says why. Terminal.</summary>
    Failed,

    /// <summary>The job outlived its lifetime before succeeding. Terminal.</summary>
    Expired,
}

/// <summary>The answer of <c>POST /api/jobs/{jobId}/submit</c> (202, with <c>Location</c> = the status URL).</summary>
/// <param name="JobId">The job.</param>
/// <param name="State">Its state after the call.</param>
/// <param name="StatusUrl">Poll here.</param>
public sealed record SubmitJobResponse(string JobId, JobState State, Uri StatusUrl);

/// <summary>How far a job is.</summary>
/// <param name="Shards">Shards in the job.</param>
/// <param name="ShardsDone">Shards whose results are all written.</param>
/// <param name="Units">Units in the job.</param>
/// <param name="UnitsDone">Units whose results are written (counted by finished shards).</param>
public sealed record JobProgress(int Shards, int ShardsDone, int Units, int UnitsDone);

/// <summary>Why a job failed.</summary>
/// <param name="Code">A stable code from <see cref="JobErrorCodes"/>.</param>
/// <param name="Message">What was wrong, naming the unit; never key or ciphertext material.</param>
/// <param name="Shard">The shard that failed.</param>
/// <param name="Unit">The input unit at fault, when one is.</param>
public sealed record JobError(string Code, string Message, int? Shard = null, int? Unit = null);

/// <summary>Time spent on the job's finished shards, summed over shards (milliseconds).</summary>
/// <param name="QueueWaitMs">From enqueueing each shard message to its (last) delivery.</param>
/// <param name="DownloadMs">Reading and parsing inputs.</param>
/// <param name="ScoreMs">Homomorphic evaluation.</param>
/// <param name="UploadMs">Serializing and writing results.</param>
public sealed record JobTimings(double QueueWaitMs, double DownloadMs, double ScoreMs, double UploadMs);

/// <summary>The answer of <c>GET /api/jobs/{jobId}</c>.</summary>
/// <param name="JobId">The job.</param>
/// <param name="ModelId">The model.</param>
/// <param name="State">The state.</param>
/// <param name="Progress">Shards and units done.</param>
/// <param name="Error">Set when <see cref="JobState.Failed"/> or <see cref="JobState.Expired"/>.</param>
/// <param name="CreatedOn">When the job was created.</param>
/// <param name="ExpiresOn">When it expires unless it succeeded.</param>
/// <param name="CompletedOn">When succeeded: when its last shard finished (the service's clock).</param>
/// <param name="Timings">Stage times of the finished shards.</param>
/// <param name="Results">When succeeded: one read-only link per unit to its encrypted logits.</param>
/// <param name="ResultsExpireOn">When the result links stop working.</param>
public sealed record JobStatus(
    string JobId,
    string ModelId,
    JobState State,
    JobProgress Progress,
    JobError? Error,
    DateTimeOffset CreatedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset? CompletedOn,
    JobTimings Timings,
    IReadOnlyList<UnitLink>? Results,
    DateTimeOffset? ResultsExpireOn);
