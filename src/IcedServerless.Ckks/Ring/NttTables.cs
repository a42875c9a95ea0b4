namespace IcedServerless.Ckks.Ring;

/// <summary>
/// The negacyclic number-theoretic transform modulo one prime, in SEAL's convention: position <c>i</c> of the
/// transform holds <c>a(psi^(2*bitrev(i)+1))</c>, where <c>psi</c> is the smallest primitive 2N-th root of unity.
/// Forward takes natural order to bit-reversed order; Inverse undoes it, including the factor <c>N^-1</c>.
/// </summary>
/// <remarks>
/// Immutable after construction, so one instance serves any number of threads. The transforms are Harvey
/// butterflies with Shoup-precomputed twiddles that keep values lazily in <c>[0, 4q)</c> (forward) or <c>[0, 2q)</c>
/// (inverse) between stages and correct once at the end. NttTables.Forward.cs and NttTables.Inverse.cs order the
/// stages; NttTables.Stages.cs holds the scalar stage loops and NttTables.Vector.cs the AVX-512 ones, chosen when the
/// processor has AVX-512 F and DQ and N is at least 16. Both give identical results.
/// </remarks>
public sealed partial class NttTables
{
    /// <summary>The largest supported log2 of the transform length.</summary>
    public const int MaxLogN = 17;

    // Forward twiddle k is psi^bitrev(k), used by the stage with m groups for group b at k = m + b. Inverse twiddle k
    // is the inverse of the same root, so the inverse stage with m groups undoes exactly the forward stage with m
    // groups. Roots and Shoup quotients sit in separate arrays so that the vector path loads eight of either at once.
    private readonly ulong[] _forwardRoots;
    private readonly ulong[] _forwardShoup;
    private readonly ulong[] _inverseRoots;
    private readonly ulong[] _inverseShoup;

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
        (_forwardRoots, _forwardShoup) = BuildTwiddles(Root);
        (_inverseRoots, _inverseShoup) = BuildTwiddles(rootInverse);

        _nInverse = modulus.Inverse((ulong)N);
        _nInverseShoup = modulus.ShoupPrecompute(_nInverse);
        _lastTwiddleTimesNInverse = modulus.Multiply(_inverseRoots[1], _nInverse);
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

    /// <summary>Entry k is <c>root^bitrev(k)</c> with its Shoup quotient; the stages use entries 1 … N-1.</summary>
    private (ulong[] Roots, ulong[] Shoup) BuildTwiddles(ulong root)
    {
        var q = Modulus;
        var roots = new ulong[N];
        var shoup = new ulong[N];
        var power = 1UL;
        for (var i = 0; i < N; i++)
        {
            var k = BitReverse.ReverseUnchecked((uint)i, LogN);
            roots[k] = power;
            shoup[k] = q.ShoupPrecompute(power);
            power = q.Multiply(power, root);
        }

        return (roots, shoup);
    }

    private void CheckLength(int length, string parameterName)
    {
        if (length != N)
        {
            throw new ArgumentException($"The NTT needs exactly N = {N} values, got {length}.", parameterName);
        }
    }
}
