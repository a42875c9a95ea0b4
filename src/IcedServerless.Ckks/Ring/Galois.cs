using System.Numerics;

namespace IcedServerless.Ckks.Ring;

/// <summary>
/// Galois automorphisms <c>X -> X^g</c> of <c>Z_q[X]/(X^N + 1)</c> as SEAL uses them for CKKS rotations: the
/// element for a rotation step, its permutation of NTT positions, and SEAL's non-adjacent-form step decomposition.
/// </summary>
public static class Galois
{
    /// <summary>SEAL's rotation generator: slot rotations are powers of 3 (not 5).</summary>
    public const ulong Generator = 3;

    /// <summary>The Galois element of a slot rotation, as SEAL's <c>galois_elt_from_step</c>.</summary>
    /// <param name="step">A left rotation by <paramref name="step"/> slots (negative rotates right); 0 means complex
    /// conjugation. <c>|step| &lt; N/2</c>.</param>
    /// <param name="polyModulusDegree">N, a power of two in <c>[2, 131072]</c>.</param>
    /// <returns><c>3^step mod 2N</c> for positive steps, <c>3^(N/2 - |step|) mod 2N</c> for negative ones, and
    /// <c>2N - 1</c> for 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is too large or N is not a supported power
    /// of two.</exception>
    public static ulong ElementFromStep(int step, int polyModulusDegree)
    {
        CheckDegree(polyModulusDegree);
        CheckStep(step, polyModulusDegree);
        var twoN = 2UL * (ulong)polyModulusDegree;
        if (step == 0)
        {
            return twoN - 1;
        }

        // 3 has order N/2 modulo 2N, so a right rotation by |step| is the left rotation by N/2 - |step|.
        var exponent = step > 0 ? (ulong)step : (ulong)(polyModulusDegree / 2 + step);
        var mask = twoN - 1;
        ulong element = 1;
        var power = Generator;
        for (; exponent != 0; exponent >>= 1)
        {
            if ((exponent & 1) != 0)
            {
                element = element * power & mask;
            }

            power = power * power & mask;
        }

        return element;
    }

    /// <summary>
    /// The permutation of bit-reversed NTT positions that applies <c>X -> X^g</c>: <c>result[i] = input[perm[i]]</c>.
    /// The same permutation serves every prime.
    /// </summary>
    /// <param name="logN">log2 N, in <c>[1, 17]</c>.</param>
    /// <param name="galoisElement">An odd g below 2N.</param>
    /// <returns>N source positions.</returns>
    /// <exception cref="ArgumentException"><paramref name="logN"/> is out of range, or g is even or not below 2N.</exception>
    public static int[] NttPermutation(int logN, ulong galoisElement)
    {
        if (logN < 1 || logN > NttTables.MaxLogN)
        {
            throw new ArgumentException($"logN must be in [1, {NttTables.MaxLogN}], got {logN}.", nameof(logN));
        }

        var n = 1 << logN;
        var twoN = 2UL * (ulong)n;
        if ((galoisElement & 1) == 0 || galoisElement >= twoN)
        {
            throw new ArgumentException(
                $"A Galois element must be odd and below 2N = {twoN}, got {galoisElement}.", nameof(galoisElement));
        }

        // Position i holds the evaluation at psi^e with e = 2*bitrev(i) + 1; after X -> X^g it must hold the value at
        // psi^(g*e), which sits at position bitrev(((g*e mod 2N) - 1) / 2).
        var mask = twoN - 1;
        var permutation = new int[n];
        for (var i = 0; i < n; i++)
        {
            var exponent = 2UL * (ulong)BitReverse.ReverseUnchecked((uint)i, logN) + 1;
            var image = galoisElement * exponent & mask;
            permutation[i] = BitReverse.ReverseUnchecked((uint)((image - 1) >> 1), logN);
        }

        return permutation;
    }

    /// <summary>Gathers <c>result[i] = input[permutation[i]]</c>.</summary>
    /// <param name="input">The values to permute.</param>
    /// <param name="permutation">Source positions, each in <c>[0, length)</c>.</param>
    /// <param name="result">The destination; must not overlap <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ, the spans overlap, or a source position is out of
    /// range.</exception>
    public static void Permute(ReadOnlySpan<ulong> input, ReadOnlySpan<int> permutation, Span<ulong> result)
    {
        if (input.Length != result.Length || permutation.Length != result.Length)
        {
            throw new ArgumentException(
                $"Permute needs equal lengths: input {input.Length}, permutation {permutation.Length}, result {result.Length}.");
        }

        if (input.Overlaps(result))
        {
            throw new ArgumentException("The result of a permutation must not overlap its input.", nameof(result));
        }

        var length = (uint)input.Length;
        for (var i = 0; i < result.Length; i++)
        {
            var source = permutation[i];
            if ((uint)source >= length)
            {
                throw new ArgumentException(
                    $"Permutation entry {i} is {source}, outside [0, {length}).", nameof(permutation));
            }

            result[i] = input[source];
        }
    }

    /// <summary>
    /// SEAL's decomposition of a rotation into power-of-two rotations: the non-adjacent form of
    /// <paramref name="step"/>, lowest digit first, each digit a signed power of two. Digits of magnitude N/2 are
    /// skipped because that rotation is the identity.
    /// </summary>
    /// <param name="step">The rotation, <c>|step| &lt; N/2</c>; 0 gives no digits.</param>
    /// <param name="polyModulusDegree">N, a power of two in <c>[2, 131072]</c>.</param>
    /// <returns>The digits in the order they are applied; for example +3 gives [-1, +4].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is too large or N is not a supported power
    /// of two.</exception>
    public static int[] NafDigits(int step, int polyModulusDegree)
    {
        CheckDegree(polyModulusDegree);
        CheckStep(step, polyModulusDegree);
        var sign = step < 0 ? -1 : 1;
        var value = Math.Abs(step);
        var halfN = polyModulusDegree / 2;
        var digits = new List<int>();
        for (var bit = 0; value != 0; bit++)
        {
            if ((value & 1) == 0)
            {
                value >>= 1;
                continue;
            }

            // Choose the odd digit +-1 that leaves a multiple of 4, so the next digit is 0 (no two adjacent non-zeros).
            var digit = 2 - (value & 3);
            value = (value - digit) >> 1;
            var signed = sign * digit * (1 << bit);
            if (Math.Abs(signed) != halfN)
            {
                digits.Add(signed);
            }
        }

        return [.. digits];
    }

    private static void CheckDegree(int polyModulusDegree)
    {
        if (polyModulusDegree < 2 || polyModulusDegree > Primes.MaxPolyModulusDegree || !BitOperations.IsPow2(polyModulusDegree))
        {
            throw new ArgumentOutOfRangeException(
                nameof(polyModulusDegree), polyModulusDegree, $"N must be a power of two in [2, {Primes.MaxPolyModulusDegree}].");
        }
    }

    private static void CheckStep(int step, int polyModulusDegree)
    {
        // Compare as long so that int.MinValue has a magnitude.
        if (Math.Abs((long)step) >= polyModulusDegree / 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(step), step, $"A rotation step must satisfy |step| < N/2 = {polyModulusDegree / 2}.");
        }
    }
}
