namespace IcedServerless.Contracts;

/// <summary>
/// The answer of <c>POST /api/jobs/{jobId}/uploads</c> (200): what a client resuming an interrupted upload needs.
/// For a <see cref="JobState.Created"/> job it lists the units whose inputs already landed and gives fresh
/// create-only links for the others; for a submitted job (queued, running or succeeded) it only reports the state.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="State">Its state now.</param>
/// <param name="Present">Units whose input blob exists, ascending (empty once the job is submitted).</param>
/// <param name="Uploads">A fresh create-only link per missing unit, ascending (empty when none is missing or the job is submitted).</param>
/// <param name="UploadsExpireOn">When those links stop working; <see langword="null"/> when there are none.</param>
public sealed record JobUploadsResponse(
    string JobId,
    JobState State,
    IReadOnlyList<int> Present,
    IReadOnlyList<UnitLink> Uploads,
    DateTimeOffset? UploadsExpireOn);
