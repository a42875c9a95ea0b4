using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>
/// Key switching with one prime per decomposition digit and a single special prime P, exactly as SEAL:
/// δ = round(Σ_J [d]_{q_J} · key_J / P). Exact integer arithmetic, so results match SEAL bit for bit.
/// </summary>
/// <remarks>
/// Three phases, each parallel over independent RNS limbs and allocation-free (pooled working memory): the digits
/// [d]_{q_J} in coefficient form (one inverse NTT each); per output prime (the L data primes and P) the digits lifted
/// and transformed, then multiplied with the key and summed as exact 128-bit values with one reduction per coefficient;
/// and the division by P, added straight into the target ciphertext. The sums run over short runs of coefficients
/// with the 128-bit partial sums on the stack, so each digit and key block streams through memory once.
/// </remarks>
public sealed partial class Evaluator
{
    /// <summary>Coefficients per run of the inner products: four words each of partial sums stay in L1.</summary>
    private const int InnerProductRun = 512;

    /// <summary>Writes digit <c>j</c> of the decomposition, transformed modulo output prime <c>i</c>.</summary>
    private delegate void LiftedDigit(int i, int j, Span<ulong> destination);

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
        InverseDigits(l, source.AsMemory(offset, l * n), digitArray);

        var keyTables = _context.KeyContextData.Ntt;
        var specialIndex = keyTables.Length - 1;
        SwitchKeyDigits(level, key, target, assignC1, (i, j, destination) =>
        {
            if (i == j)
            {
                source.AsSpan(offset + (j * n), n).CopyTo(destination); // already this prime's NTT values
                return;
            }

            LiftDigit(digitArray.AsSpan(j * n, n), keyTables[j].Modulus, keyTables[i < l ? i : specialIndex], destination);
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
            using var lifted = PooledWords.Rent(l * n);
            for (var j = 0; j < l; j++)
            {
                digit(i, j, lifted.Block(j, n));
            }

            InnerProducts(lifted.Span, key, keyBlock, keyLevel.Moduli[keyBlock],
                productArray.AsSpan(i * n, n), productArray.AsSpan(((l + 1) + i) * n, n));
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

    /// <summary>The digits [d]_{q_J} in coefficient form: each of the L blocks of d transformed back.</summary>
    private void InverseDigits(int l, ReadOnlyMemory<ulong> poly, ulong[] digits)
    {
        var n = _n;
        _context.ForEachLimb(l, j =>
        {
            var digit = digits.AsSpan(j * n, n);
            poly.Span.Slice(j * n, n).CopyTo(digit);
            _context.KeyContextData.Ntt[j].Inverse(digit);
        });
    }

    /// <summary>
    /// out_c = Σ_J digit_J ⊙ key_J.c (c = 0, 1) modulo one output prime, one run of coefficients at a time: the
    /// 128-bit partial sums of a run live on the stack, so no accumulator array travels through memory per digit.
    /// </summary>
    /// <param name="digits">The L lifted digits, block J at J·N.</param>
    /// <param name="key">The key ciphertexts, one per digit.</param>
    /// <param name="keyBlock">The block of the output prime within each key ciphertext.</param>
    /// <param name="q">The output prime.</param>
    /// <param name="out0">Receives the sum with the keys' first components.</param>
    /// <param name="out1">Receives the sum with the keys' second components.</param>
    private void InnerProducts(ReadOnlySpan<ulong> digits, PublicKey[] key, int keyBlock, Modulus q, Span<ulong> out0, Span<ulong> out1)
    {
        var n = _n;
        var terms = digits.Length / n;
        Span<ulong> partial = stackalloc ulong[4 * InnerProductRun];
        for (var start = 0; start < n; start += InnerProductRun)
        {
            var run = Math.Min(InnerProductRun, n - start);
            var low0 = partial[..run];
            var high0 = partial.Slice(InnerProductRun, run);
            var low1 = partial.Slice(2 * InnerProductRun, run);
            var high1 = partial.Slice(3 * InnerProductRun, run);
            for (var j = 0; j < terms; j++)
            {
                var digit = digits.Slice((j * n) + start, run);
                var keyData = key[j].Data;
                PolyArith.MultiplyWide(digit, keyData.Block(0, keyBlock).Slice(start, run), low0, high0, accumulate: j > 0);
                PolyArith.MultiplyWide(digit, keyData.Block(1, keyBlock).Slice(start, run), low1, high1, accumulate: j > 0);
            }

            PolyArith.ReduceWide(low0, high0, out0.Slice(start, run), q, terms);
            PolyArith.ReduceWide(low1, high1, out1.Slice(start, run), q, terms);
        }
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
