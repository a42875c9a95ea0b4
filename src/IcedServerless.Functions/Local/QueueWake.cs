using System.Collections.Concurrent;

namespace IcedServerless.Functions.Local;

/// <summary>
/// Lets code that enqueues in this process cut short the polling back-off of this process's listener on that
/// queue, as the host's shared queue watcher does for messages its own functions add. Without a listener (under
/// the Functions host) notifications go nowhere and cost nothing.
/// </summary>
public sealed class QueueWake
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);

    /// <summary>Tells the queue's listener that a message was just added.</summary>
    /// <param name="queue">The queue.</param>
    public void Notify(string queue) => Signal(queue).TrySetResult();

    /// <summary>Waits for <paramref name="delay"/>, or less if the queue is notified meanwhile.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="delay">The back-off delay.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes after the delay or the notification.</returns>
    public async Task DelayAsync(string queue, TimeSpan delay, CancellationToken cancellationToken)
    {
        // A notification that came while nobody waited is still pending here, and ends this wait at once.
        var signal = Signal(queue);
        await Task.WhenAny(signal.Task, Task.Delay(delay, cancellationToken)).ConfigureAwait(false);
        if (signal.Task.IsCompleted)
        {
            _signals.TryRemove(new KeyValuePair<string, TaskCompletionSource>(queue, signal));
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private TaskCompletionSource Signal(string queue) =>
        _signals.GetOrAdd(queue, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
