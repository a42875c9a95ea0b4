using System.Security.Cryptography;
using IcedServerless.Ckks.Hashing;
using IcedServerless.Ckks.IO;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Ckks;

/// <summary>
/// The RLWE building blocks shared by key generation and encryption: sampling in NTT form and symmetric encryption
/// of zero. All randomness comes from the OS CSPRNG (directly for seeds, or through a BLAKE2Xb stream seeded by it,
/// as SEAL does).
/// </summary>
internal static class RlweSampling
{
    /// <summary>Fills <paramref name="destination"/> (k blocks) with a fresh ternary polynomial in NTT form.</summary>
    public static void TernaryNtt(CkksContext context, NttTables[] tables, int primeCount, SealPrng prng, Span<ulong> destination)
    {
        Sampler.Ternary(prng, Primes(tables, primeCount), context.PolyModulusDegree, destination);
        ForwardNtt(context, tables, primeCount, destination);
    }

    /// <summary>Fills <paramref name="destination"/> with centered-binomial noise in coefficient form.</summary>
    public static void Noise(CkksContext context, NttTables[] tables, int primeCount, SealPrng prng, Span<ulong> destination) =>
        Sampler.CenteredBinomial(prng, Primes(tables, primeCount), context.PolyModulusDegree, destination);

    /// <summary>Fills <paramref name="destination"/> with centered-binomial noise in NTT form.</summary>
    public static void NoiseNtt(CkksContext context, NttTables[] tables, int primeCount, SealPrng prng, Span<ulong> destination)
    {
        Noise(context, tables, primeCount, prng, destination);
        ForwardNtt(context, tables, primeCount, destination);
    }

    /// <summary>
    /// Symmetric encryption of zero at <paramref name="level"/>: c1 = a (uniform from a fresh seed, taken directly as
    /// NTT values), c0 = −(a·s + e). Keeps the seed on the ciphertext when <paramref name="keepSeed"/> is set.
    /// </summary>
    public static void EncryptZeroSymmetric(CkksContext context, ContextData level, ReadOnlySpan<ulong> secret,
        Ciphertext destination, bool keepSeed)
    {
        var n = context.PolyModulusDegree;
        destination.Resize(level, n, 2);
        var seed = RandomNumberGenerator.GetBytes(SealPrng.SeedBytes);
        Sampler.Uniform(new SealPrng(seed), Primes(level.Ntt, level.PrimeCount), n, destination.Poly(1));

        using var noise = PooledWords.RentSecret(level.PrimeCount * n);
        NoiseNtt(context, level.Ntt, level.PrimeCount, SealPrng.CreateRandom(), noise.Span);
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Moduli[j];
            var c0 = destination.Block(0, j);
            PolyArith.Multiply(destination.Block(1, j), secret.Slice(j * n, n), c0, q);
            PolyArith.Add(c0, noise.Block(j, n), c0, q);
            PolyArith.Negate(c0, c0, q);
        }

        destination.Scale = 1.0;
        if (keepSeed)
        {
            destination.Seed = new SeedInfo(PrngType.Blake2Xb, seed);
        }
    }

    public static void ForwardNtt(CkksContext context, NttTables[] tables, int primeCount, Span<ulong> data)
    {
        var n = context.PolyModulusDegree;
        for (var j = 0; j < primeCount; j++)
        {
            tables[j].Forward(data.Slice(j * n, n));
        }
    }

    private static ulong[] Primes(NttTables[] tables, int count)
    {
        var primes = new ulong[count];
        for (var j = 0; j < count; j++)
        {
            primes[j] = tables[j].Modulus.Value;
        }

        return primes;
    }
}
