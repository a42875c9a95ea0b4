using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>
/// Key switching with one prime per decomposition digit and a single special prime P, exactly as SEAL:
/// δ = round(Σ_J [d]_{q_J} · key_J / P). Exact integer arithmetic, so results match SEAL bit for bit.
/// </summary>
/// <remarks>
/// Three phases, each parallel over independent RNS limbs and allocation-free (pooled working memory): the digits
/// [d]_{q_J} in coefficient form (one inverse NTT each); per output prime (the L data primes and P) the digits lifted
/// and transformed, multiplied with the key and summed as exact 128-bit values with one reduction per coefficient; and
/// the division by P, added straight into the target ciphertext.
/// </remarks>
public sealed partial class Evaluator
{
    /// <summary>Writes digit <c>j</c> of the decomposition, transformed modulo output prime <c>i</c>, into scratch
    /// (or returns a block that already holds it).</summary>
    private delegate ReadOnlySpan<ulong> LiftedDigit(int i, int j, Span<ulong> scratch);

    /// <summary>
    /// target.c0 += δ0 and target.c1 (+)= δ1 for the key switch of d (L blocks in NTT form at
    /// <paramref name="source"/>[<paramref name="offset"/>..]) with <paramref name="key"/>.
    /// </summary>
    /// <param name="level">The data level of d and of the target (L primes).</param>
    /// <param name="source">Array holding d.</param>
    /// <param name="offset">Offset of d in <paramref name="source"/>.</param>
    /// <param name="key">The K−1 key ciphertexts; only the first L are used, at blocks 0..L−1 and K−1.</param>
    /// <param name="target">A size-2 ciphertext layout at <paramref name="level"/>: c0 at 0, c1 at L·N.</param>
    /// <param name="assignC1">Overwrite c1 with δ1 instead of adding to it.</param>
    private void SwitchKey(ContextData level, ulong[] source, int offset, PublicKey[] key, ulong[] target, bool assignC1)
    {
        var n = _n;
        var l = level.PrimeCount;
        using var digits = PooledWords.Rent(l * n);
        var digitArray = digits.Array;
        _context.ForEachLimb(l, j =>
        {
            var digit = digitArray.AsSpan(j * n, n);
            source.AsSpan(offset + (j * n), n).CopyTo(digit);
            _context.KeyContextData.Ntt[j].Inverse(digit);
        });

        var keyTables = _context.KeyContextData.Ntt;
        var specialIndex = keyTables.Length - 1;
        SwitchKeyDigits(level, key, target, assignC1, (i, j, scratch) =>
        {
            if (i == j)
            {
                return source.AsSpan(offset + (j * n), n); // already this prime's NTT values
            }

            LiftDigit(digitArray.AsSpan(j * n, n), keyTables[j].Modulus, keyTables[i < l ? i : specialIndex], scratch);
            return scratch;
        });
    }

    /// <summary>The inner products with the key and the division by P, for digits supplied by <paramref name="digit"/>.</summary>
    private void SwitchKeyDigits(ContextData level, PublicKey[] key, ulong[] target, bool assignC1, LiftedDigit digit)
    {
        var n = _n;
        var l = level.PrimeCount;
        var keyLevel = _context.KeyContextData;
        var specialBlock = keyLevel.PrimeCount - 1;

        // Inner products per output prime i (the data primes, then P): component c of prime i at (c·(L+1) + i)·N.
        using var products = PooledWords.Rent(2 * (l + 1) * n);
        var productArray = products.Array;
        _context.ForEachLimb(l + 1, i =>
        {
            var keyBlock = i < l ? i : specialBlock;
            var q = keyLevel.Moduli[keyBlock];
            using var work = PooledWords.Rent(5 * n);
            var lifted = work.Block(4, n);
            for (var j = 0; j < l; j++)
            {
                var d = digit(i, j, lifted);
                PolyArith.MultiplyWide(d, key[j].Data.Block(0, keyBlock), work.Block(0, n), work.Block(1, n), accumulate: j > 0);
                PolyArith.MultiplyWide(d, key[j].Data.Block(1, keyBlock), work.Block(2, n), work.Block(3, n), accumulate: j > 0);
            }

            PolyArith.ReduceWide(work.Block(0, n), work.Block(1, n), productArray.AsSpan(i * n, n), q, l);
            PolyArith.ReduceWide(work.Block(2, n), work.Block(3, n), productArray.AsSpan(((l + 1) + i) * n, n), q, l);
        });

        // Divide by P with rounding, into the target's data primes.
        var modDown = level.KeySwitchModDown!;
        var polyLength = l * n;
        _context.ForEachLimb(2, c =>
        {
            using var work = PooledWords.Rent(n);
            var poly = productArray.AsSpan(c * (l + 1) * n, (l + 1) * n);
            modDown.Divide(poly, poly.Slice(l * n, n), ReadOnlySpan<ulong>.Empty, work.Span,
                target.AsSpan(c * polyLength, polyLength), accumulate: c == 0 || !assignC1);
        });
    }

    /// <summary>
    /// The NTT modulo another prime of a digit in coefficient form: reduced first only when the digit's prime is more
    /// than four times the target prime, since the forward transform takes inputs below 4q (and its output, fully
    /// reduced, depends only on the input modulo q).
    /// </summary>
    private static void LiftDigit(ReadOnlySpan<ulong> digit, Modulus digitPrime, NttTables target, Span<ulong> destination)
    {
        if (digitPrime.Value <= 4 * target.Modulus.Value)
        {
            digit.CopyTo(destination);
        }
        else
        {
            PolyArith.Reduce(digit, destination, target.Modulus);
        }

        target.Forward(destination);
    }
}
