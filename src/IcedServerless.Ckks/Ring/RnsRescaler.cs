namespace IcedServerless.Ckks.Ring;

/// <summary>
/// Divides an RNS polynomial in NTT form by its last prime and rounds: <c>round(x / q_{L-1})</c> over the first L-1
/// primes, bit-exact with SEAL (CKKS rescale, public-key encryption and the end of key switching).
/// </summary>
/// <remarks>
/// For the last prime <c>ql</c> with <c>h = floor(ql/2)</c> and each remaining prime <c>q_i</c>:
/// <c>t = INTT_ql(x_last) + h mod ql</c> (h added to every coefficient), then
/// <c>x'_i = (x_i - NTT_qi(t mod q_i - h mod q_i)) * ql^-1 mod q_i</c>.
/// The subtracted polynomial is the centered remainder <c>x mod ql</c> in <c>[-h, h]</c>, so the exact division
/// that follows is rounding to nearest (ql is odd, so there are no ties). Immutable after construction; callers
/// supply the scratch, so it is thread-safe.
/// </remarks>
public sealed class RnsRescaler
{
    private readonly NttTables[] _tables;

    // Per remaining prime i: ql^-1 mod q_i, and -h mod q_i.
    private readonly ulong[] _lastInverse;
    private readonly ulong[] _negativeHalfModQi;
    private readonly ulong _half;

    /// <summary>Prepares the division for one list of primes.</summary>
    /// <param name="tables">The NTT tables of <c>q_0 … q_{L-1}</c> in order, all of the same N; the last prime is the
    /// divisor. L must be at least 2.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tables"/> or an entry is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two tables, differing N, or the last prime is not invertible
    /// modulo another prime (for example a repeated prime).</exception>
    public RnsRescaler(IReadOnlyList<NttTables> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count < 2)
        {
            throw new ArgumentException($"Divide-and-round needs at least two primes, got {tables.Count}.", nameof(tables));
        }

        _tables = new NttTables[tables.Count];
        for (var i = 0; i < tables.Count; i++)
        {
            _tables[i] = tables[i] ?? throw new ArgumentNullException(nameof(tables), $"NTT table {i} is null.");
            if (_tables[i].N != _tables[0].N)
            {
                throw new ArgumentException(
                    $"All primes must share one N: table 0 has N = {_tables[0].N}, table {i} has N = {_tables[i].N}.", nameof(tables));
            }
        }

        var last = _tables[^1].Modulus.Value;
        _half = last >> 1;
        var remaining = _tables.Length - 1;
        _lastInverse = new ulong[remaining];
        _negativeHalfModQi = new ulong[remaining];
        for (var i = 0; i < remaining; i++)
        {
            var qi = _tables[i].Modulus;
            if (!qi.TryInverse(last, out var inverse))
            {
                throw new ArgumentException(
                    $"The last prime {last} is not invertible modulo prime {i} ({qi.Value}); the primes must be distinct.", nameof(tables));
            }

            _lastInverse[i] = inverse;
            _negativeHalfModQi[i] = qi.Negate(qi.Reduce(_half));
        }
    }

    /// <summary>L, the number of primes of the input (including the one divided by).</summary>
    public int InputPrimeCount => _tables.Length;

    /// <summary>N, the length of each residue block.</summary>
    public int N => _tables[0].N;

    /// <summary>
    /// Replaces the first L-1 blocks of <paramref name="poly"/> by <c>round(x / q_{L-1})</c> in NTT form; the last block
    /// is used as working space and is meaningless afterwards.
    /// </summary>
    /// <param name="poly">L blocks of N words, prime-major, in NTT form with every word below its prime.</param>
    /// <param name="scratch">At least N words of working space; its contents are overwritten.</param>
    /// <exception cref="ArgumentException"><paramref name="poly"/> is not exactly L*N words, or the scratch is shorter
    /// than N.</exception>
    public void DivideAndRoundLast(Span<ulong> poly, Span<ulong> scratch)
    {
        var n = N;
        if (poly.Length != _tables.Length * n)
        {
            throw new ArgumentException(
                $"Expected {_tables.Length} blocks of N = {n} words ({_tables.Length * n}), got {poly.Length}.", nameof(poly));
        }

        if (scratch.Length < n)
        {
            throw new ArgumentException($"The scratch needs at least N = {n} words, got {scratch.Length}.", nameof(scratch));
        }

        var remaining = _tables.Length - 1;
        Divide(poly, poly.Slice(remaining * n, n), ReadOnlySpan<ulong>.Empty, scratch[..n], poly[..(remaining * n)], accumulate: false);
    }

    /// <summary>
    /// <c>destination (+)= round((x + e) / q_{L-1})</c> over the first L-1 primes, where x is <paramref name="poly"/> in
    /// NTT form and e an optional addend in coefficient form (encryption noise, which is cheaper to add after the
    /// transforms than to transform separately). Adds to <paramref name="destination"/> when
    /// <paramref name="accumulate"/> is set, else overwrites it.
    /// </summary>
    /// <param name="poly">L blocks in NTT form; only the first L-1 are read.</param>
    /// <param name="last">The last block of x (N words, NTT form): poly's own or a copy. Overwritten.</param>
    /// <param name="addend">Empty, or L blocks of e's residues in coefficient form.</param>
    /// <param name="work">N words of working space.</param>
    /// <param name="destination">L-1 blocks; may be the first L-1 blocks of <paramref name="poly"/> itself.</param>
    /// <param name="accumulate">Whether to add to the destination rather than overwrite it.</param>
    internal void Divide(ReadOnlySpan<ulong> poly, Span<ulong> last, ReadOnlySpan<ulong> addend, Span<ulong> work,
        Span<ulong> destination, bool accumulate)
    {
        var n = N;
        var remaining = _tables.Length - 1;
        if (poly.Length < remaining * n || last.Length != n || work.Length != n ||
            destination.Length != remaining * n || (!addend.IsEmpty && addend.Length != _tables.Length * n))
        {
            throw new ArgumentException($"Divide-and-round needs {_tables.Length} blocks of N = {n} words in and {remaining} out.");
        }

        var lastTables = _tables[remaining];
        var lastModulus = lastTables.Modulus;

        // t = INTT(last block) + e + h: the remainder modulo the last prime, offset so that reducing it centers it.
        lastTables.Inverse(last);
        if (!addend.IsEmpty)
        {
            PolyArith.Add(last, addend.Slice(remaining * n, n), last, lastModulus);
        }

        PolyArith.AddScalar(last, _half, last, lastModulus);

        for (var i = 0; i < remaining; i++)
        {
            var tables = _tables[i];
            var qi = tables.Modulus;
            var block = poly.Slice(i * n, n);
            var target = destination.Slice(i * n, n);

            // work = NTT(r - e) with r the centered remainder, so that (x - work) = (x + e) - r exactly mod q_i.
            PolyArith.ReduceThenAddScalar(last, _negativeHalfModQi[i], work, qi);
            if (!addend.IsEmpty)
            {
                PolyArith.Sub(work, addend.Slice(i * n, n), work, qi);
            }

            tables.Forward(work);
            if (accumulate)
            {
                PolyArith.SubThenMultiplyScalarAdd(block, work, _lastInverse[i], target, qi);
            }
            else
            {
                PolyArith.SubThenMultiplyScalar(block, work, _lastInverse[i], target, qi);
            }
        }
    }
}
