namespace IcedServerless.Cli.Output;

/// <summary>Advances one progress stage; thread-safe, so parallel workers can tick it.</summary>
internal abstract class ProgressTicker
{
    private long _value;

    protected ProgressTicker(long total) => Total = total;

    /// <summary>The stage's size.</summary>
    public long Total { get; }

    /// <summary>Work done so far.</summary>
    public long Value => Interlocked.Read(ref _value);

    /// <summary>Adds <paramref name="amount"/> done.</summary>
    public void Increment(long amount = 1) => Changed(Interlocked.Add(ref _value, amount));

    /// <summary>Sets the work done (e.g. from a polled status); never moves backwards.</summary>
    public void Set(long value)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref _value);
            if (value <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _value, value, seen) != seen);
        Changed(value);
    }

    /// <summary>Shows the new value.</summary>
    protected abstract void Changed(long value);
}
