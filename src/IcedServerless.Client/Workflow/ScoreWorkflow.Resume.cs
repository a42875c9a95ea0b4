using IcedServerless.Client.Encryption;
using IcedServerless.Client.Inputs;
using IcedServerless.Client.Keys;
using IcedServerless.Imaging.Decoders;
using IcedServerless.Contracts;

namespace IcedServerless.Client.Workflow;

/// <summary>Continuing a recorded job: resumption and reading results later.</summary>
public sealed partial class ScoreWorkflow
{
    /// <summary>
    /// Loads a recorded job: its record, the current plan, its keys (checked against the plan and the registered key
    /// set) and its inputs (checked against the recorded fingerprint).
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="passphrase">The key set's passphrase, when its secret key is sealed.</param>
    /// <param name="onSkipped">Receives files of an input folder that are not readable images.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The job; dispose it to wipe the secret key.</returns>
    /// <exception cref="Jobs.JobRecordNotFoundException">No record of the job on this machine.</exception>
    /// <exception cref="InputsChangedException">The inputs changed since the job was made.</exception>
    /// <exception cref="KeySetMismatchException">The key folder now holds other keys, or the plan changed.</exception>
    /// <exception cref="PlanIncompleteException">The service's plan does not say how to preprocess images.</exception>
    public async Task<LoadedJob> LoadJobAsync(string jobId, string? passphrase, Action<SkippedFile>? onSkipped = null, CancellationToken cancellationToken = default)
    {
        var record = await _records.LoadAsync(jobId, cancellationToken).ConfigureAwait(false);
        var plan = await GetPlanAsync(record.ModelId, cancellationToken).ConfigureAwait(false);
        var keys = await KeySetDirectory.LoadAsync(record.KeyDirectory, passphrase, cancellationToken).ConfigureAwait(false);
        try
        {
            keys.EnsureMatches(plan);
            if (keys.KeySetId != record.KeySetId)
            {
                throw new KeySetMismatchException(keys.ModelId, record.ModelId,
                    $"The keys in {record.KeyDirectory} are not the ones job {jobId} was encrypted with (they were replaced); its results cannot be decrypted.");
            }

            var spec = plan.Preprocessing ?? throw new PlanIncompleteException(plan.ModelId, "how to preprocess images");
            var inputs = await ImageInputs.LoadAsync(record.InputPath, spec, record.Split ?? NpzSplit.Test, onSkipped, cancellationToken).ConfigureAwait(false);
            if (inputs.Fingerprint != record.InputFingerprint)
            {
                throw new InputsChangedException(jobId, record.InputPath);
            }

            return new LoadedJob(record, plan, keys, inputs);
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Resumes an interrupted job: asks the service which units landed, encrypts and uploads only the missing ones and
    /// submits (a created job); waits (a queued or running one); then downloads and decrypts.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="passphrase">The key set's passphrase, when sealed.</param>
    /// <param name="progress">Stage progress, or null.</param>
    /// <param name="onSkipped">Receives unreadable files of an input folder.</param>
    /// <param name="cancellationToken">Cancels; the record stays, so resuming again continues.</param>
    /// <returns>The predictions and the job.</returns>
    /// <exception cref="ScoringJobFailedException">The job failed or expired.</exception>
    /// <exception cref="InputsChangedException">The inputs changed since the job was made.</exception>
    public async Task<ScoreOutcome> ResumeAsync(string jobId, string? passphrase, IProgress<ScoreProgress>? progress = null,
        Action<SkippedFile>? onSkipped = null, CancellationToken cancellationToken = default)
    {
        using var job = await LoadJobAsync(jobId, passphrase, onSkipped, cancellationToken).ConfigureAwait(false);
        var record = job.Record;
        JobUploadsResponse state;
        try
        {
            state = await _client.RenewUploadsAsync(jobId, cancellationToken).ConfigureAwait(false);
        }
        catch (ScoringApiException e) when (e.Status == 409)
        {
            var status = await _client.GetStatusAsync(jobId, cancellationToken).ConfigureAwait(false);
            await SaveStateAsync(record, status.State).ConfigureAwait(false);
            throw new ScoringJobFailedException(jobId, status.State, status.Error?.Message ?? e.Message);
        }

        UploadSummary? uploads = null;
        if (state.State == JobState.Created)
        {
            // The service's list is the truth: a unit may have landed after the record was last written.
            foreach (var unit in state.Present.Where(u => u >= 0 && u < record.Units.Count))
            {
                record = record.WithUploaded(unit);
            }

            await _records.SaveAsync(record, CancellationToken.None).ConfigureAwait(false);
            var encryptor = new UnitEncryptor(job.Plan, job.Keys);
            uploads = await UploadAsync(record, state.Uploads, EncryptingSource(encryptor, job.Inputs, record.Units), progress, cancellationToken).ConfigureAwait(false);
            record = await SubmitAsync(uploads.Record, cancellationToken).ConfigureAwait(false);
        }

        var (final, status2) = await WaitAsync(record, progress, null, cancellationToken).ConfigureAwait(false);
        var report = await DownloadAsync(final, status2, job.Plan, job.Keys, job.Inputs, progress, cancellationToken).ConfigureAwait(false);
        return new ScoreOutcome(final, report, status2, uploads);
    }

    /// <summary>Waits for a recorded job (if it still runs), then downloads and decrypts its results.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="passphrase">The key set's passphrase, when sealed.</param>
    /// <param name="progress">Stage progress, or null.</param>
    /// <param name="timeout">How long to wait at most, or null.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The predictions and the job.</returns>
    /// <exception cref="ScoringJobFailedException">The job failed or expired.</exception>
    /// <exception cref="JobNotSubmittedException">The job was never submitted (resume it instead).</exception>
    public async Task<ScoreOutcome> ResultsAsync(string jobId, string? passphrase, IProgress<ScoreProgress>? progress = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var job = await LoadJobAsync(jobId, passphrase, null, cancellationToken).ConfigureAwait(false);
        var current = await _client.GetStatusAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (current.State == JobState.Created)
        {
            throw new JobNotSubmittedException(jobId);
        }

        var (record, status) = await WaitAsync(job.Record, progress, timeout, cancellationToken).ConfigureAwait(false);
        var report = await DownloadAsync(record, status, job.Plan, job.Keys, job.Inputs, progress, cancellationToken).ConfigureAwait(false);
        return new ScoreOutcome(record, report, status, null);
    }
}
