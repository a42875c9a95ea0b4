using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>
/// Key switching with one prime per decomposition digit and a single special prime P, exactly as SEAL:
/// δ = round(Σ_J [d]_{q_J} · key_J / P). Exact integer arithmetic, so results match SEAL bit for bit.
/// </summary>
public sealed partial class Evaluator
{
    /// <param name="level">The data level of the target polynomial (L primes).</param>
    /// <param name="source">Array holding the target polynomial d (L blocks, NTT form).</param>
    /// <param name="offset">Offset of d in <paramref name="source"/>.</param>
    /// <param name="key">The K−1 key ciphertexts; only the first L are used, at blocks 0..L−1 and K−1.</param>
    /// <param name="delta0">Receives δ0 (L blocks).</param>
    /// <param name="delta1">Receives δ1 (L blocks).</param>
    private void SwitchKey(ContextData level, ulong[] source, int offset, PublicKey[] key, ulong[] delta0, ulong[] delta1)
    {
        var n = _n;
        var l = level.PrimeCount;
        var keyLevel = _context.KeyContextData;
        var specialBlock = keyLevel.PrimeCount - 1;

        // Digits in coefficient form: [d]_{q_J} as integers in [0, q_J).
        var digits = new ulong[l * n];
        Array.Copy(source, offset, digits, 0, l * n);
        _context.ForEachLimb(l, j => keyLevel.Ntt[j].Inverse(digits.AsSpan(j * n, n)));

        // Inner products per output prime I (the data primes, then P), each independent of the others.
        var acc0 = new ulong[(l + 1) * n];
        var acc1 = new ulong[(l + 1) * n];
        _context.ForEachLimb(l + 1, i =>
        {
            var keyBlock = i < l ? i : specialBlock;
            var tables = keyLevel.Ntt[keyBlock];
            var q = tables.Modulus;
            var out0 = acc0.AsSpan(i * n, n);
            var out1 = acc1.AsSpan(i * n, n);
            var lifted = new ulong[n];
            for (var j = 0; j < l; j++)
            {
                ReadOnlySpan<ulong> digit;
                if (i == j)
                {
                    digit = source.AsSpan(offset + (j * n), n); // already this prime's NTT values
                }
                else
                {
                    PolyArith.Reduce(digits.AsSpan(j * n, n), lifted, q);
                    tables.Forward(lifted);
                    digit = lifted;
                }

                PolyArith.MultiplyAdd(digit, key[j].Data.Block(0, keyBlock), out0, q);
                PolyArith.MultiplyAdd(digit, key[j].Data.Block(1, keyBlock), out1, q);
            }
        });

        // Divide by P with rounding, back to the L data primes.
        var modDown = level.KeySwitchModDown!;
        _context.ForEachLimb(2, c =>
        {
            var acc = c == 0 ? acc0 : acc1;
            modDown.DivideAndRoundLast(acc, new ulong[n]);
            Array.Copy(acc, 0, c == 0 ? delta0 : delta1, 0, l * n);
        });
    }
}
