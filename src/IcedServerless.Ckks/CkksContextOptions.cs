namespace IcedServerless.Ckks;

/// <summary>Options of a <see cref="CkksContext"/>.</summary>
public sealed record CkksContextOptions
{
    /// <summary>
    /// The security level the parameters must reach (default 128-bit). <see cref="SecurityLevel.None"/> is an explicit
    /// opt-out for tests with toy parameters.
    /// </summary>
    public SecurityLevel SecurityLevel { get; init; } = SecurityLevel.TC128;

    /// <summary>
    /// How many cores one operation may spread its RNS limbs over; 1 keeps every operation on the calling thread
    /// (best when many operations already run in parallel), -1 uses all cores.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Throw when a result ciphertext is transparent (all but c0 zero), as SEAL's default build does.</summary>
    public bool ThrowOnTransparentCiphertext { get; init; } = true;
}
