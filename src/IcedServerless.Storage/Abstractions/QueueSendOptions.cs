namespace IcedServerless.Storage;

/// <summary>How a message is enqueued.</summary>
public sealed record QueueSendOptions
{
    /// <summary>Keep the new message invisible this long (0 to 7 days); <see langword="null"/> for none.</summary>
    public TimeSpan? VisibilityDelay { get; init; }

    /// <summary>
    /// Expire the message after this long; <see langword="null"/> for the service default of 7 days,
    /// <see cref="Timeout.InfiniteTimeSpan"/> for never.
    /// </summary>
    public TimeSpan? TimeToLive { get; init; }
}
