using IcedServerless.Functions.Local;

namespace IcedServerless.Functions.Tests.Local;

public sealed class QueueWakeTests
{
    private static readonly TimeSpan s_forever = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Notify_EndsAWaitOnThatQueueOnly()
    {
        var wake = new QueueWake();
        var waiting = wake.DelayAsync("a", s_forever, CancellationToken.None);
        var other = wake.DelayAsync("b", s_forever, CancellationToken.None);

        wake.Notify("a");

        await waiting.WaitAsync(s_patience);
        Assert.False(other.IsCompleted);
    }

    [Fact]
    public async Task NotifyWhileNobodyWaits_EndsTheNextWaitOnce()
    {
        var wake = new QueueWake();
        wake.Notify("a");

        await wake.DelayAsync("a", s_forever, CancellationToken.None).WaitAsync(s_patience);
        Assert.False(wake.DelayAsync("a", s_forever, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Cancellation_EndsTheWaitWithOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = new QueueWake().DelayAsync("a", s_forever, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(s_patience));
    }
}
