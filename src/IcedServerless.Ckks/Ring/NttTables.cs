namespace IcedServerless.Ckks.Ring;

/// <summary>
/// The negacyclic number-theoretic transform modulo one prime, in SEAL's convention: position <c>i</c> of the
/// transform holds <c>a(psi^(2*bitrev(i)+1))</c>, where <c>psi</c> is the smallest primitive 2N-th root of unity.
/// Forward takes natural order to bit-reversed order; Inverse undoes it, including the factor <c>N^-1</c>.
/// </summary>
/// <remarks>
/// Immutable after construction, so one instance serves any number of threads. The transforms are Harvey
/// butterflies with Shoup-precomputed twiddles that keep values lazily in <c>[0, 4q)</c> (forward) or <c>[0, 2q)</c>
/// (inverse) between stages and correct once at the end. See NttTables.Forward.cs and NttTables.Inverse.cs.
/// </remarks>
public sealed partial class NttTables
{
    /// <summary>The largest supported log2 of the transform length.</summary>
    public const int MaxLogN = 17;

    // Interleaved (twiddle, Shoup quotient) pairs. _forwardTwiddles[2k] = psi^bitrev(k), used by the stage with m
    // groups for group b at k = m + b. _inverseTwiddles[2k] is the inverse of the same root, so the inverse stage
    // with m groups undoes exactly the forward stage with m groups.
    private readonly ulong[] _forwardTwiddles;
    private readonly ulong[] _inverseTwiddles;

    // N^-1, and N^-1 times the last inverse twiddle, both with Shoup quotients: the last inverse stage folds in N^-1.
    private readonly ulong _nInverse;
    private readonly ulong _nInverseShoup;
    private readonly ulong _lastTwiddleTimesNInverse;
    private readonly ulong _lastTwiddleTimesNInverseShoup;

    /// <summary>Precomputes the twiddle tables for one prime.</summary>
    /// <param name="logN">log2 of the transform length N, in <c>[1, 17]</c>.</param>
    /// <param name="modulus">A prime with <c>q = 1 mod 2N</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="logN"/> is out of range, or the modulus is not a prime that is
    /// 1 mod 2N.</exception>
    public NttTables(int logN, Modulus modulus)
    {
        if (logN < 1 || logN > MaxLogN)
        {
            throw new ArgumentException($"logN must be in [1, {MaxLogN}], got {logN}.", nameof(logN));
        }

        if (modulus.Value < 2)
        {
            throw new ArgumentException("The modulus is uninitialised (default(Modulus)).", nameof(modulus));
        }

        LogN = logN;
        N = 1 << logN;
        Modulus = modulus;
        Root = Primes.MinimalPrimitiveRoot(2UL * (ulong)N, modulus);

        var rootInverse = modulus.Inverse(Root);
        _forwardTwiddles = BuildTwiddles(Root);
        _inverseTwiddles = BuildTwiddles(rootInverse);

        _nInverse = modulus.Inverse((ulong)N);
        _nInverseShoup = modulus.ShoupPrecompute(_nInverse);
        _lastTwiddleTimesNInverse = modulus.Multiply(_inverseTwiddles[2], _nInverse);
        _lastTwiddleTimesNInverseShoup = modulus.ShoupPrecompute(_lastTwiddleTimesNInverse);
    }

    /// <summary>log2 of the transform length.</summary>
    public int LogN { get; }

    /// <summary>The transform length N (the polynomial degree).</summary>
    public int N { get; }

    /// <summary>The prime modulus.</summary>
    public Modulus Modulus { get; }

    /// <summary><c>psi</c>, the smallest primitive 2N-th root of unity modulo the prime.</summary>
    public ulong Root { get; }

    /// <summary>Table entry k (k in [1, N)) is <c>root^bitrev(k)</c> with its Shoup quotient; entry 0 is unused.</summary>
    private ulong[] BuildTwiddles(ulong root)
    {
        var q = Modulus;
        var table = new ulong[2 * N];
        var power = 1UL;
        for (var i = 0; i < N; i++)
        {
            var k = BitReverse.ReverseUnchecked((uint)i, LogN);
            table[2 * k] = power;
            table[2 * k + 1] = q.ShoupPrecompute(power);
            power = q.Multiply(power, root);
        }

        return table;
    }

    private void CheckLength(int length, string parameterName)
    {
        if (length != N)
        {
            throw new ArgumentException($"The NTT needs exactly N = {N} values, got {length}.", parameterName);
        }
    }
}
