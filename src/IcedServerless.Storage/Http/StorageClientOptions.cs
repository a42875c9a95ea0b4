namespace IcedServerless.Storage;

/// <summary>Retry, timeout and transfer settings of the REST stores. The defaults suit the pipeline.</summary>
public sealed record StorageClientOptions
{
    /// <summary>Retries after the first attempt for transient failures (408, 429, 5xx gateway/busy, network). Default 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first backoff delay; later ones grow exponentially with jitter. Default 0.8 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(0.8);

    /// <summary>The longest single backoff, also the cap on a server's <c>Retry-After</c>. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take until response headers arrive. Default 2 minutes.</summary>
    public TimeSpan TryTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Uploads larger than this go as blocks (Put Block + Put Block List). Default 8 MiB.</summary>
    public int SingleUploadThreshold { get; init; } = 8 * 1024 * 1024;

    /// <summary>The block size of block uploads. Default 4 MiB.</summary>
    public int BlockSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Blocks uploaded at once (each holds one block in memory). Default 4.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>The clock for backoff, SAS times and token refresh; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryDelay);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TryTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 1);

        // Each in-flight block is held in memory; 100 MiB is also the block limit of older service versions.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlockSize, 100 * 1024 * 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(SingleUploadThreshold, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1);
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
