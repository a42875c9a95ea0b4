namespace IcedServerless.Client;

/// <summary>How a <see cref="ScoringClient"/> authenticates, retries and polls. The defaults suit a hospital app.</summary>
public sealed record ScoringClientOptions
{
    /// <summary>The Functions key, sent as <c>x-functions-key</c>; <see langword="null"/> for none (local mode without a key).</summary>
    public string? FunctionKey { get; init; }

    /// <summary>Retries after the first attempt for transient failures (network, 408, 429, 500, 502, 503, 504). Default 4.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first retry delay; later ones double, with jitter. Default 0.5 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>The longest single retry delay, also the cap on a server's <c>Retry-After</c>. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt (request and buffered answer) may take. Default 5 minutes: a unit upload is tens of MB.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first wait between status polls; the wait doubles up to <see cref="MaxPollInterval"/>. Default 0.5 s.</summary>
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>The longest wait between status polls, also the cap on the service's <c>Retry-After</c> hint. Default 10 s.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRetries, 100, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryDelay, nameof(MaxRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero, nameof(AttemptTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinPollInterval, TimeSpan.Zero, nameof(MinPollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPollInterval, MinPollInterval, nameof(MaxPollInterval));
    }
}
