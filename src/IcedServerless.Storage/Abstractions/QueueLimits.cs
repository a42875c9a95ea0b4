namespace IcedServerless.Storage;

/// <summary>Limits both queue implementations enforce, so code that works locally works on Azure.</summary>
public static class QueueLimits
{
    /// <summary>
    /// The largest message body: 48 KiB, whose base64 text is exactly the 64 KiB the service accepts.
    /// Point to a blob for anything larger.
    /// </summary>
    public const int MaxMessageBytes = 49_152;

    /// <summary>The most messages one receive or peek returns.</summary>
    public const int MaxMessagesPerCall = 32;

    /// <summary>The longest visibility timeout or delay: 7 days.</summary>
    public static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);

    /// <summary>The default time to live: 7 days.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromDays(7);
}
