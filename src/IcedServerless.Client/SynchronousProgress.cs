namespace IcedServerless.Client;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls back on the reporting thread, in order. <see cref="Progress{T}"/> posts
/// to the captured context instead, so a progress bar could go backwards and a caller could not act at an exact point.
/// </summary>
/// <typeparam name="T">The progress value.</typeparam>
/// <param name="report">Called with each value.</param>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
