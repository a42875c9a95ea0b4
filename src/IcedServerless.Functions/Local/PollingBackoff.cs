namespace IcedServerless.Functions.Local;

/// <summary>
/// The host's polling back-off for an empty queue: the wait doubles from 100 ms up to <c>maxPollingInterval</c>,
/// with up to 20 % random jitter so instances do not poll in step, and drops back to the minimum as soon as a
/// message arrives.
/// </summary>
public sealed class PollingBackoff(TimeSpan maxInterval)
{
    private TimeSpan _current = QueueTriggerSettings.MinPollingInterval;

    /// <summary>The next wait after an empty poll (or a failed one), then doubles it.</summary>
    /// <returns>The wait.</returns>
    public TimeSpan Next()
    {
        var wait = _current;
        var doubled = _current * 2;
        _current = doubled > maxInterval ? maxInterval : doubled;
        return wait * (1 - (Random.Shared.NextDouble() * 0.2));
    }

    /// <summary>A message arrived: poll again at the minimum interval.</summary>
    public void Reset() => _current = QueueTriggerSettings.MinPollingInterval;
}
