using IcedServerless.Contracts;

namespace IcedServerless.Client;

/// <summary>Waiting for a job: polls with back-off, honouring the service's <c>Retry-After</c>.</summary>
public sealed partial class ScoringClient
{
    /// <summary>Polls at a fixed interval until the job succeeded, failed or expired.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="pollInterval">The wait between polls.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The terminal status.</returns>
    /// <exception cref="ScoringApiException">Unknown job.</exception>
    /// <exception cref="ScoringServiceUnavailableException">The service could not be reached.</exception>
    public async Task<JobStatus> WaitForCompletionAsync(string jobId, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var status = await GetStatusAsync(jobId, cancellationToken).ConfigureAwait(false);
            if (IsTerminal(status.State))
            {
                return status;
            }

            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Polls until the job succeeded, failed or expired. The wait between polls starts at
    /// <see cref="ScoringClientOptions.MinPollInterval"/> and doubles up to <see cref="ScoringClientOptions.MaxPollInterval"/>;
    /// when the service asks for a longer wait (<c>Retry-After</c>) that wins, up to the same maximum.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="progress">Receives every status read, terminal one included; <see langword="null"/> for none.</param>
    /// <param name="timeout">How long to wait at most; <see langword="null"/> for no limit.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The terminal status (check <see cref="JobStatus.State"/>: a failed job is not an exception here).</returns>
    /// <exception cref="ScoringTimeoutException">The job did not finish within <paramref name="timeout"/>.</exception>
    /// <exception cref="ScoringApiException">Unknown job.</exception>
    /// <exception cref="ScoringServiceUnavailableException">The service could not be reached.</exception>
    public async Task<JobStatus> WaitForCompletionAsync(
        string jobId, IProgress<JobStatus>? progress, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (timeout is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } allowed)
        {
            deadline.CancelAfter(allowed);
        }

        JobStatus? last = null;
        var wait = _options.MinPollInterval;
        try
        {
            while (true)
            {
                var (status, retryAfter) = await GetStatusWithHintAsync(jobId, deadline.Token).ConfigureAwait(false);
                last = status;
                progress?.Report(status);
                if (IsTerminal(status.State))
                {
                    return status;
                }

                var delay = retryAfter > wait ? retryAfter.Value : wait;
                await Task.Delay(delay > _options.MaxPollInterval ? _options.MaxPollInterval : delay, deadline.Token).ConfigureAwait(false);
                wait = wait * 2 > _options.MaxPollInterval ? _options.MaxPollInterval : wait * 2;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ScoringServiceUnavailableException
            && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ScoringTimeoutException(jobId, timeout!.Value, last);
        }
    }

    private static bool IsTerminal(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Expired;
}
