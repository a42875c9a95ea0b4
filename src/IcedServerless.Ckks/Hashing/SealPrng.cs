using System.Buffers.Binary;
using System.Security.Cryptography;

namespace IcedServerless.Ckks.Hashing;

/// <summary>
/// SEAL's seeded generator (seal-compat.md §1.12): an endless stream of 4096-byte blocks, block <c>c</c> being
/// BLAKE2Xb(key = seed, message = c as u64 LE, 4096 bytes), or SHAKE256(seed ∥ c as u64 LE) for
/// <see cref="PrngType.Shake256"/>. Bytes are consumed strictly in order, so expanding the same seed with the same
/// sequence of requests reproduces SEAL's values exactly. Not thread-safe: use one instance per operation.
/// </summary>
public sealed class SealPrng : IRandomStream
{
    /// <summary>Length of a seed, in bytes.</summary>
    public const int SeedBytes = 64;

    /// <summary>Length of one generated block, in bytes (SEAL's buffer size).</summary>
    public const int BlockBytes = 4096;

    private readonly byte[] _seed;
    private readonly byte[] _block = new byte[BlockBytes];
    private ulong _counter;
    private int _position = BlockBytes;

    /// <summary>Creates the stream for <paramref name="seed"/>.</summary>
    /// <param name="seed">Exactly 64 bytes; copied.</param>
    /// <param name="type">The generator; <see cref="PrngType.Blake2Xb"/> or <see cref="PrngType.Shake256"/>.</param>
    /// <exception cref="ArgumentException">The seed is not 64 bytes or the type is not a generator.</exception>
    /// <exception cref="PlatformNotSupportedException">SHAKE256 was asked for and the platform lacks it.</exception>
    public SealPrng(ReadOnlySpan<byte> seed, PrngType type = PrngType.Blake2Xb)
    {
        if (seed.Length != SeedBytes)
        {
            throw new ArgumentException($"A SEAL PRNG seed has {SeedBytes} bytes, not {seed.Length}.", nameof(seed));
        }

        if (type is not (PrngType.Blake2Xb or PrngType.Shake256))
        {
            throw new ArgumentException($"PRNG type {type} cannot generate a stream.", nameof(type));
        }

        if (type == PrngType.Shake256 && !Shake256.IsSupported)
        {
            throw new PlatformNotSupportedException("SHAKE256 is not supported on this platform, so a SHAKE256-seeded object cannot be expanded.");
        }

        Type = type;
        _seed = seed.ToArray();
    }

    /// <summary>Creates a stream from a fresh seed drawn from <see cref="RandomNumberGenerator"/>.</summary>
    /// <param name="type">The generator.</param>
    /// <returns>A new generator; its <see cref="Seed"/> can be stored to regenerate the same stream.</returns>
    public static SealPrng CreateRandom(PrngType type = PrngType.Blake2Xb)
    {
        Span<byte> seed = stackalloc byte[SeedBytes];
        RandomNumberGenerator.Fill(seed);
        var prng = new SealPrng(seed, type);
        CryptographicOperations.ZeroMemory(seed);
        return prng;
    }

    /// <summary>The generator that produces the stream.</summary>
    public PrngType Type { get; }

    /// <summary>The 64-byte seed (a read-only view of the generator's own copy).</summary>
    public ReadOnlySpan<byte> Seed => _seed;

    /// <summary>Writes the next <c>destination.Length</c> bytes of the stream.</summary>
    /// <param name="destination">Receives the bytes.</param>
    public void Fill(Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            if (_position == BlockBytes)
            {
                // Whole blocks go straight into the destination, saving a copy on bulk requests.
                if (destination.Length >= BlockBytes)
                {
                    GenerateBlock(destination[..BlockBytes]);
                    destination = destination[BlockBytes..];
                    continue;
                }

                GenerateBlock(_block);
                _position = 0;
            }

            int count = Math.Min(destination.Length, BlockBytes - _position);
            _block.AsSpan(_position, count).CopyTo(destination);
            _position += count;
            destination = destination[count..];
        }
    }

    /// <summary>The next 8 bytes of the stream as a little-endian word.</summary>
    /// <returns>The word.</returns>
    public ulong NextUInt64()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        Fill(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    private void GenerateBlock(Span<byte> destination)
    {
        Span<byte> counter = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(counter, _counter++);
        if (Type == PrngType.Blake2Xb)
        {
            Blake2Xb.Generate(_seed, counter, destination);
            return;
        }

        Span<byte> input = stackalloc byte[SeedBytes + sizeof(ulong)];
        _seed.CopyTo(input);
        counter.CopyTo(input[SeedBytes..]);
        Shake256.HashData(input, destination);
        CryptographicOperations.ZeroMemory(input);
    }
}
