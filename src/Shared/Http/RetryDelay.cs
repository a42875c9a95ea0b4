namespace IcedServerless.Http;

/// <summary>Reads a server's requested backoff (<c>Retry-After</c>) so the retry policy honours it.</summary>
internal static class RetryDelay
{
    /// <summary>
    /// The delay a response asks for, capped at <paramref name="max"/>, or <see langword="null"/> when it asks
    /// for none (the policy then uses exponential backoff with jitter).
    /// </summary>
    public static TimeSpan? FromResponse(HttpResponseMessage? response, DateTimeOffset now, TimeSpan max)
    {
        var retryAfter = response?.Headers.RetryAfter;
        TimeSpan? delay = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };

        if (delay is null)
        {
            return null;
        }

        return delay.Value < TimeSpan.Zero ? TimeSpan.Zero : delay.Value > max ? max : delay.Value;
    }
}
