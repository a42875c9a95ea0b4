namespace IcedServerless.Storage.Tests.Infrastructure;

/// <summary>A clock the test moves by hand (TimeProvider is designed to be overridden this way).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
