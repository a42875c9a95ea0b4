using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>Hoisted rotations: many rotations of one ciphertext sharing the decomposition of c1.</summary>
public sealed partial class Evaluator
{
    /// <summary>
    /// Rotates <paramref name="encrypted"/> by each of <paramref name="steps"/> (as <see cref="RotateVector"/>),
    /// decomposing c1 once for all of them: its digits are transformed back, lifted to every prime and transformed
    /// forward a single time, and each rotation then only permutes those NTT values (the automorphism is a permutation
    /// in the NTT domain), multiplies with its key and divides by the special prime.
    /// </summary>
    /// <remarks>
    /// Permuting a lifted digit negates some coefficients as integers rather than modulo q_J, so a hoisted digit may
    /// differ from the sequential one by q_J. Both are valid decompositions (key J is zero modulo every other prime),
    /// with the same bound and noise, so results decrypt to the same values as sequential rotations but are not
    /// bit-identical to SEAL's. A step without its own Galois key is composed from power-of-two keys by
    /// <see cref="RotateVector"/>; step 0 is a copy.
    /// </remarks>
    /// <param name="encrypted">A size-2 ciphertext.</param>
    /// <param name="steps">Left rotations, each with |step| &lt; N/2.</param>
    /// <param name="galoisKeys">Keys for the steps (or for power-of-two steps that compose them).</param>
    /// <returns>One new ciphertext per step, in order.</returns>
    /// <exception cref="ArgumentException">The ciphertext or keys do not fit, or a needed key is missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A step is too large.</exception>
    public Ciphertext[] RotateMany(Ciphertext encrypted, IReadOnlyList<int> steps, GaloisKeys galoisKeys)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var level = RotatableLevel(encrypted, galoisKeys);

        var results = new Ciphertext[steps.Count];
        var hoisted = new List<(int Index, ulong Element)>();
        for (var r = 0; r < steps.Count; r++)
        {
            var step = steps[r];
            if (Math.Abs((long)step) >= _n / 2)
            {
                throw new ArgumentOutOfRangeException(nameof(steps), step, $"rotation steps must be below N/2 = {_n / 2} in absolute value");
            }

            results[r] = new Ciphertext();
            var element = step == 0 ? 0 : Galois.ElementFromStep(step, _n);
            if (step != 0 && galoisKeys.HasKey(element))
            {
                hoisted.Add((r, element));
            }
            else
            {
                RotateVector(encrypted, step, galoisKeys, results[r]);
            }
        }

        // A single rotation gains nothing from hoisting; the direct path is also bit-identical to SEAL's.
        if (hoisted.Count == 1)
        {
            ApplyGalois(encrypted, hoisted[0].Element, galoisKeys, results[hoisted[0].Index]);
        }
        else if (hoisted.Count > 1)
        {
            RotateHoisted(encrypted, level, hoisted, galoisKeys, results);
        }

        return results;
    }

    private void RotateHoisted(Ciphertext encrypted, ContextData level, List<(int Index, ulong Element)> rotations,
        GaloisKeys galoisKeys, Ciphertext[] results)
    {
        var n = _n;
        var l = level.PrimeCount;
        var keyTables = _context.KeyContextData.Ntt;
        var specialIndex = keyTables.Length - 1;

        // Digits of c1 in coefficient form, then every digit lifted to every output prime in NTT form: block (i, j) at
        // (i·L + j)·N holds digit j modulo prime i (the data primes, then P); for i = j that is c1's own block.
        using var digits = PooledWords.Rent(l * n);
        using var lifted = PooledWords.Rent((l + 1) * l * n);
        var digitArray = digits.Array;
        var liftedArray = lifted.Array;
        var c1 = encrypted.RawData.AsMemory(l * n, l * n);
        InverseDigits(l, c1, digitArray);
        _context.ForEachLimb(l + 1, i =>
        {
            for (var j = 0; j < l; j++)
            {
                var block = liftedArray.AsSpan(((i * l) + j) * n, n);
                if (i == j)
                {
                    c1.Span.Slice(j * n, n).CopyTo(block);
                }
                else
                {
                    LiftDigit(digitArray.AsSpan(j * n, n), keyTables[j].Modulus, keyTables[i < l ? i : specialIndex], block);
                }
            }
        });

        foreach (var (index, element) in rotations)
        {
            var key = galoisKeys.Entry(GaloisKeys.GetIndex(element))!;
            var permutation = Permutation(element);
            var destination = results[index];
            destination.Resize(level, n, 2);
            destination.Scale = encrypted.Scale;
            for (var j = 0; j < l; j++)
            {
                Galois.Permute(encrypted.Block(0, j), permutation, destination.Block(0, j));
            }

            SwitchKeyDigits(level, key, destination.RawData, assignC1: true,
                (i, j, target) => Galois.Permute(liftedArray.AsSpan(((i * l) + j) * n, n), permutation, target));
        }
    }
}
