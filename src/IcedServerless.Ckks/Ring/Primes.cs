using System.Numerics;

namespace IcedServerless.Ckks.Ring;

/// <summary>Primality testing and SEAL-compatible selection of NTT-friendly primes.</summary>
public static class Primes
{
    /// <summary>The largest polynomial modulus degree SEAL accepts.</summary>
    public const int MaxPolyModulusDegree = 131072;

    /// <summary>The largest bit size <see cref="CreateCoeffModulus"/> accepts for one prime.</summary>
    public const int MaxPrimeBitSize = 60;

    /// <summary>The most primes <see cref="CreateCoeffModulus"/> returns.</summary>
    public const int MaxPrimeCount = 256;

    // Miller-Rabin with the first twelve prime bases is deterministic for every n < 3.3 * 10^24, so for all of ulong.
    private static readonly ulong[] s_witnesses = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

    /// <summary>Decides primality exactly for any 64-bit value (deterministic Miller-Rabin).</summary>
    /// <param name="value">Any value; 0 and 1 are not prime.</param>
    /// <returns>Whether <paramref name="value"/> is prime.</returns>
    public static bool IsPrime(ulong value)
    {
        if (value < 2)
        {
            return false;
        }

        foreach (var p in s_witnesses)
        {
            if (value % p == 0)
            {
                return value == p;
            }
        }

        // value - 1 = d * 2^s with d odd.
        var s = BitOperations.TrailingZeroCount(value - 1);
        var d = (value - 1) >> s;
        foreach (var a in s_witnesses)
        {
            if (!PassesStrongProbablePrimeTest(value, a, d, s))
            {
                return false;
            }
        }

        return true;
    }

    private static bool PassesStrongProbablePrimeTest(ulong n, ulong a, ulong d, int s)
    {
        var x = PowMod(a, d, n);
        if (x == 1 || x == n - 1)
        {
            return true;
        }

        for (var i = 1; i < s; i++)
        {
            x = MulMod(x, x, n);
            if (x == n - 1)
            {
                return true;
            }
        }

        return false;
    }

    // Full 64-bit arithmetic: Modulus stops at 2^61, and primality is only needed off the hot paths.
    private static ulong MulMod(ulong a, ulong b, ulong n) => (ulong)(Math.BigMul(a, b) % n);

    private static ulong PowMod(ulong b, ulong e, ulong n)
    {
        ulong result = 1;
        b %= n;
        while (e != 0)
        {
            if ((e & 1) != 0)
            {
                result = MulMod(result, b, n);
            }

            b = MulMod(b, b, n);
            e >>= 1;
        }

        return result;
    }

    /// <summary>
    /// Chooses primes exactly as SEAL's <c>CoeffModulus::Create</c>: for each bit size, the largest primes of that
    /// size that are <c>1 mod 2N</c>; repeated bit sizes receive those primes in increasing order.
    /// </summary>
    /// <param name="polyModulusDegree">N, a power of two in <c>[2, 131072]</c>.</param>
    /// <param name="bitSizes">Up to 256 bit sizes, each in <c>[2, 60]</c>.</param>
    /// <returns>One prime per bit size, in input order.</returns>
    /// <exception cref="ArgumentException">
    /// N is not a power of two in range, the list is empty or too long, a bit size is out of range, or there are not
    /// enough primes of some size.
    /// </exception>
    public static ulong[] CreateCoeffModulus(int polyModulusDegree, ReadOnlySpan<int> bitSizes)
    {
        if (polyModulusDegree < 2 || polyModulusDegree > MaxPolyModulusDegree || !BitOperations.IsPow2(polyModulusDegree))
        {
            throw new ArgumentException(
                $"poly_modulus_degree must be a power of two in [2, {MaxPolyModulusDegree}], got {polyModulusDegree}.",
                nameof(polyModulusDegree));
        }

        if (bitSizes.IsEmpty || bitSizes.Length > MaxPrimeCount)
        {
            throw new ArgumentException(
                $"coeff_modulus needs 1 to {MaxPrimeCount} bit sizes, got {bitSizes.Length}.", nameof(bitSizes));
        }

        // Count each bit size; the counts fix how many primes to collect per size.
        Span<int> counts = stackalloc int[MaxPrimeBitSize + 1];
        foreach (var bits in bitSizes)
        {
            if (bits < 2 || bits > MaxPrimeBitSize)
            {
                throw new ArgumentException(
                    $"Each coeff_modulus bit size must be in [2, {MaxPrimeBitSize}], got {bits}.", nameof(bitSizes));
            }

            counts[bits]++;
        }

        var primesBySize = new ulong[MaxPrimeBitSize + 1][];
        for (var bits = 2; bits <= MaxPrimeBitSize; bits++)
        {
            if (counts[bits] > 0)
            {
                primesBySize[bits] = LargestNttPrimes(bits, counts[bits], 2UL * (ulong)polyModulusDegree);
            }
        }

        // Each occurrence takes the smallest prime still unused for its size, so the primes found in descending
        // order are handed out from the back.
        var result = new ulong[bitSizes.Length];
        for (var i = 0; i < bitSizes.Length; i++)
        {
            var bits = bitSizes[i];
            result[i] = primesBySize[bits][--counts[bits]];
        }

        return result;
    }

    /// <summary>The <paramref name="count"/> largest primes of exactly <paramref name="bits"/> bits that are 1 mod
    /// <paramref name="factor"/>, in descending order.</summary>
    private static ulong[] LargestNttPrimes(int bits, int count, ulong factor)
    {
        var primes = new ulong[count];
        var found = 0;
        var upper = (1UL << bits) - 1;
        var lowerExclusive = 1UL << (bits - 1);

        // The largest candidate <= 2^bits - 1 that is 1 mod 2N; the walk stays above 2^(bits-1) to keep the size.
        var candidate = upper / factor * factor + 1;
        while (found < count && candidate > lowerExclusive)
        {
            if (candidate <= upper && IsPrime(candidate))
            {
                primes[found++] = candidate;
            }

            if (candidate <= factor)
            {
                break;
            }

            candidate -= factor;
        }

        if (found < count)
        {
            throw new ArgumentException(
                $"failed to find enough qualifying coeff_modulus primes: {bits}-bit primes that are 1 mod {factor}, "
                + $"needed {count}, found {found}.");
        }

        return primes;
    }

    /// <summary>
    /// The smallest primitive <paramref name="twoN"/>-th root of unity modulo a prime, the root SEAL's NTT uses.
    /// </summary>
    /// <param name="twoN">2N, a power of two of at least 2.</param>
    /// <param name="q">A prime modulus with <c>q = 1 mod 2N</c>.</param>
    /// <returns>The minimum over all elements of multiplicative order exactly 2N.</returns>
    /// <exception cref="ArgumentException">2N is not a power of two of at least 2, q is not prime, or
    /// <c>q != 1 mod 2N</c>.</exception>
    public static ulong MinimalPrimitiveRoot(ulong twoN, Modulus q)
    {
        if (twoN < 2 || !BitOperations.IsPow2(twoN))
        {
            throw new ArgumentException($"2N must be a power of two of at least 2, got {twoN}.", nameof(twoN));
        }

        if (q.Value % twoN != 1)
        {
            throw new ArgumentException($"The modulus {q.Value} is not 1 mod {twoN}, so it has no primitive {twoN}-th root.", nameof(q));
        }

        if (!IsPrime(q.Value))
        {
            throw new ArgumentException($"The modulus {q.Value} is not prime.", nameof(q));
        }

        var root = AnyPrimitiveRoot(twoN, q);

        // The primitive 2N-th roots are exactly the odd powers of one of them; walk them with a step of root^2.
        var step = q.Multiply(root, root);
        var minimum = root;
        var current = root;
        for (ulong k = 1; k < twoN / 2; k++)
        {
            current = q.Multiply(current, step);
            if (current < minimum)
            {
                minimum = current;
            }
        }

        return minimum;
    }

    private static ulong AnyPrimitiveRoot(ulong twoN, Modulus q)
    {
        // For a power-of-two order, x^((q-1)/2N) is primitive exactly when its (N)-th power is -1. Half of all
        // non-zero x qualify, so small candidates succeed almost at once.
        var cofactor = (q.Value - 1) / twoN;
        for (ulong x = 2; x < q.Value; x++)
        {
            var candidate = q.Pow(x, cofactor);
            if (q.Pow(candidate, twoN / 2) == q.Value - 1)
            {
                return candidate;
            }
        }

        // Unreachable for a prime q = 1 mod 2N: a generator of the multiplicative group always qualifies.
        throw new ArgumentException($"No primitive {twoN}-th root of unity exists modulo {q.Value}.", nameof(q));
    }
}
