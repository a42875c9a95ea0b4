using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace IcedServerless.Ckks.Hashing;

/// <summary>
/// Polynomial samplers over an RNS basis. Every sampler writes <c>primes.Length</c> blocks of <c>n</c> words
/// (prime-major: word <c>j·n + i</c> is coefficient <c>i</c> modulo <c>primes[j]</c>), every word below its prime.
/// </summary>
public static class Sampler
{
    // Coefficients handled per refill of the small-value samplers' stack buffers.
    private const int Chunk = 256;

    // Centered binomial: bytes drawn per coefficient and the mask applied to the third byte of each half.
    private const int CbdBytesPerCoefficient = 6;
    private const uint CbdTopMask = 0x1F;

    /// <summary>
    /// SEAL's uniform sampling (seal-compat.md §1.12), bit-exact: the first <c>8·n·k</c> stream bytes are read as
    /// prime-major words; a word ≥ M_j = (2^64−1) − ((2^64−1) mod q_j) − 1 is replaced by the next stream word
    /// (taken after all bulk words, in the order the rejections happen) until it is below M_j; then it is reduced mod q_j.
    /// </summary>
    /// <param name="prng">The stream; consumed in order.</param>
    /// <param name="primes">The k moduli of the level, each at least 2.</param>
    /// <param name="n">Coefficients per block (the ring degree N).</param>
    /// <param name="destination">Exactly <c>n·k</c> words.</param>
    /// <exception cref="ArgumentException">Sizes do not match or a modulus is below 2.</exception>
    public static void Uniform(SealPrng prng, ReadOnlySpan<ulong> primes, int n, Span<ulong> destination)
    {
        ArgumentNullException.ThrowIfNull(prng);
        Uniform<SealPrng>(prng, primes, n, destination);
    }

    /// <summary>
    /// Ternary polynomial (secret key s, encryption mask u): each coefficient uniform in {−1, 0, 1}, from one
    /// stream byte with 255 rejected (so 255 values map evenly onto three), and written as the same residue
    /// (−1 → q_j − 1) into every block. Coefficient form; the caller applies the NTT. No branch depends on a kept value.
    /// </summary>
    /// <param name="prng">The stream.</param>
    /// <param name="primes">The k moduli, each at least 2.</param>
    /// <param name="n">Coefficients per block.</param>
    /// <param name="destination">Exactly <c>n·k</c> words.</param>
    /// <exception cref="ArgumentException">Sizes do not match or a modulus is below 2.</exception>
    public static void Ternary(SealPrng prng, ReadOnlySpan<ulong> primes, int n, Span<ulong> destination)
    {
        ArgumentNullException.ThrowIfNull(prng);
        Ternary<SealPrng>(prng, primes, n, destination);
    }

    /// <summary>
    /// SEAL's centered binomial error (seal-compat.md §5.1): per coefficient six stream bytes x0…x5, x2 and x5 masked to
    /// their low 5 bits, value popcount(x0,x1,x2) − popcount(x3,x4,x5) in [−21, 21] (variance 10.5), written as residues
    /// into every block. Coefficient form; branch-free.
    /// </summary>
    /// <param name="prng">The stream.</param>
    /// <param name="primes">The k moduli, each at least 2.</param>
    /// <param name="n">Coefficients per block.</param>
    /// <param name="destination">Exactly <c>n·k</c> words.</param>
    /// <exception cref="ArgumentException">Sizes do not match or a modulus is below 2.</exception>
    public static void CenteredBinomial(SealPrng prng, ReadOnlySpan<ulong> primes, int n, Span<ulong> destination)
    {
        ArgumentNullException.ThrowIfNull(prng);
        CenteredBinomial<SealPrng>(prng, primes, n, destination);
    }

    /// <summary>M_j of §1.12: words at or above it are rejected so that the accepted range is a multiple of q.</summary>
    internal static ulong RejectionBound(ulong modulus) => ulong.MaxValue - (ulong.MaxValue % modulus) - 1;

    internal static void Uniform<TStream>(TStream stream, ReadOnlySpan<ulong> primes, int n, Span<ulong> destination)
        where TStream : IRandomStream
    {
        Validate(primes, n, destination);
        stream.Fill(MemoryMarshal.AsBytes(destination));
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(destination, destination);
        }

        for (int j = 0; j < primes.Length; j++)
        {
            var reducer = new WordReducer(primes[j]);
            ulong bound = RejectionBound(primes[j]);
            Span<ulong> block = destination.Slice(j * n, n);
            for (int i = 0; i < block.Length; i++)
            {
                ulong word = block[i];
                while (word >= bound)
                {
                    word = stream.NextUInt64();
                }

                block[i] = reducer.Reduce(word);
            }
        }
    }

    internal static void Ternary<TStream>(TStream stream, ReadOnlySpan<ulong> primes, int n, Span<ulong> destination)
        where TStream : IRandomStream
    {
        Validate(primes, n, destination);
        Span<byte> bytes = stackalloc byte[Chunk];
        Span<long> values = stackalloc long[Chunk];
        int done = 0;
        while (done < n)
        {
            // Ask for exactly as many bytes as coefficients still missing; rejected bytes lead to another round.
            int want = Math.Min(Chunk, n - done);
            stream.Fill(bytes[..want]);
            int kept = 0;
            for (int b = 0; b < want; b++)
            {
                uint x = bytes[b];
                values[kept] = (long)(x % 3) - 1;
                kept += (int)((x - 255u) >> 31); // 1 unless x == 255
            }

            WriteResidues(values[..kept], primes, n, done, destination);
            done += kept;
        }

        bytes.Clear();
        values.Clear();
    }

    internal static void CenteredBinomial<TStream>(TStream stream, ReadOnlySpan<ulong> primes, int n, Span<ulong> destination)
        where TStream : IRandomStream
    {
        Validate(primes, n, destination);
        Span<byte> bytes = stackalloc byte[Chunk * CbdBytesPerCoefficient];
        Span<long> values = stackalloc long[Chunk];
        for (int done = 0; done < n;)
        {
            int count = Math.Min(Chunk, n - done);
            stream.Fill(bytes[..(count * CbdBytesPerCoefficient)]);
            for (int c = 0; c < count; c++)
            {
                ReadOnlySpan<byte> x = bytes.Slice(c * CbdBytesPerCoefficient, CbdBytesPerCoefficient);
                uint plus = x[0] | ((uint)x[1] << 8) | ((x[2] & CbdTopMask) << 16);
                uint minus = x[3] | ((uint)x[4] << 8) | ((x[5] & CbdTopMask) << 16);
                values[c] = BitOperations.PopCount(plus) - (long)BitOperations.PopCount(minus);
            }

            WriteResidues(values[..count], primes, n, done, destination);
            done += count;
        }

        bytes.Clear();
        values.Clear();
    }

    // Writes small signed values as residues: adding q exactly when the value is negative, via a sign mask.
    private static void WriteResidues(ReadOnlySpan<long> values, ReadOnlySpan<ulong> primes, int n, int start, Span<ulong> destination)
    {
        for (int j = 0; j < primes.Length; j++)
        {
            ulong q = primes[j];
            Span<ulong> target = destination.Slice((j * n) + start, values.Length);
            for (int i = 0; i < values.Length; i++)
            {
                long v = values[i];
                target[i] = (ulong)v + (q & (ulong)(v >> 63));
            }
        }
    }

    private static void Validate(ReadOnlySpan<ulong> primes, int n, Span<ulong> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (primes.IsEmpty)
        {
            throw new ArgumentException("At least one modulus is needed.", nameof(primes));
        }

        foreach (ulong q in primes)
        {
            if (q < 2)
            {
                throw new ArgumentException($"Every modulus must be at least 2; got {q}.", nameof(primes));
            }
        }

        if (destination.Length != (long)n * primes.Length)
        {
            throw new ArgumentException(
                $"The destination must hold n·k = {n}·{primes.Length} = {(long)n * primes.Length} words, not {destination.Length}.",
                nameof(destination));
        }
    }
}
