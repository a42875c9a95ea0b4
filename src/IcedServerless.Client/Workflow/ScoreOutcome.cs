using IcedServerless.Client.Jobs;
using IcedServerless.Client.Results;
using IcedServerless.Contracts;

namespace IcedServerless.Client.Workflow;

/// <summary>What uploading a job's units did.</summary>
/// <param name="Record">The job record after the uploads (every unit landed).</param>
/// <param name="Uploaded">Units this run wrote.</param>
/// <param name="AlreadyPresent">Units that had landed before (an earlier, interrupted run) and were not sent again.</param>
/// <param name="Bytes">Bytes this run uploaded.</param>
public sealed record UploadSummary(JobRecord Record, int Uploaded, int AlreadyPresent, long Bytes);

/// <summary>The result of scoring a job to the end.</summary>
/// <param name="Record">The job record (state <see cref="JobState.Succeeded"/>).</param>
/// <param name="Report">The decrypted predictions.</param>
/// <param name="Status">The job's final status (timings, progress).</param>
/// <param name="Uploads">What this run uploaded; <see langword="null"/> when the job was already submitted.</param>
public sealed record ScoreOutcome(JobRecord Record, PredictionReport Report, JobStatus Status, UploadSummary? Uploads);

/// <summary>Where a job's keys and inputs come from, recorded so the job can be resumed or its results read later.</summary>
/// <param name="KeyDirectory">The key set folder.</param>
/// <param name="InputPath">The folder or file of images (absolute).</param>
/// <param name="Split">The .npz split, for an archive.</param>
public sealed record JobSource(string KeyDirectory, string InputPath, Inputs.NpzSplit? Split);
