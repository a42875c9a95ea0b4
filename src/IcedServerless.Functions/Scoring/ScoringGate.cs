using IcedServerless.Ckks;

namespace IcedServerless.Functions.Scoring;

/// <summary>
/// Bounds how many units one instance scores at once (<see cref="Configuration.PipelineOptions.ScoringParallelism"/>),
/// and derives how many cores each CKKS operation may use so the two multiply to the machine's cores.
/// </summary>
public sealed class ScoringGate : IDisposable
{
    private readonly SemaphoreSlim _slots;

    /// <summary>Creates the gate.</summary>
    /// <param name="parallelism">Units scored at once (at least 1).</param>
    /// <param name="processorCount">Cores available; <see cref="Environment.ProcessorCount"/> by default.</param>
    public ScoringGate(int parallelism, int? processorCount = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        Parallelism = parallelism;
        _slots = new SemaphoreSlim(parallelism, parallelism);
        ContextOptions = new CkksContextOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, (processorCount ?? Environment.ProcessorCount) / parallelism),
        };
    }

    /// <summary>Units scored at once.</summary>
    public int Parallelism { get; }

    /// <summary>The options models should build their CKKS contexts with.</summary>
    public CkksContextOptions ContextOptions { get; }

    /// <summary>Runs CPU-bound scoring when a slot is free.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="score">The work.</param>
    /// <param name="cancellationToken">Cancels waiting for a slot.</param>
    /// <returns>The result.</returns>
    public async Task<T> RunAsync<T>(Func<T> score, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return score();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Releases the semaphore.</summary>
    public void Dispose() => _slots.Dispose();
}
