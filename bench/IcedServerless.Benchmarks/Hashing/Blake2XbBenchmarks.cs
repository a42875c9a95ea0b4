using BenchmarkDotNet.Attributes;
using IcedServerless.Ckks.Hashing;

namespace IcedServerless.Benchmarks.Hashing;

/// <summary>
/// Seed-expansion throughput: SEAL's PRNG stream (4096-byte BLAKE2Xb blocks) and plain BLAKE2b for comparison.
/// MB/s = <see cref="StreamBytes"/> / mean time.
/// </summary>
[MemoryDiagnoser]
public class Blake2XbBenchmarks
{
    /// <summary>One N = 8192, 4-prime polynomial's worth of stream (what expanding one key ciphertext reads).</summary>
    public const int StreamBytes = 8192 * 4 * sizeof(ulong);

    private readonly byte[] _seed = Enumerable.Range(0, SealPrng.SeedBytes).Select(i => (byte)i).ToArray();
    private readonly byte[] _output = new byte[StreamBytes];

    [Benchmark(Description = "SealPrng BLAKE2Xb stream, 256 KiB")]
    public void SealPrngStream() => new SealPrng(_seed).Fill(_output);

    [Benchmark(Description = "BLAKE2b-512 of 256 KiB")]
    public void Blake2bHash()
    {
        Span<byte> digest = stackalloc byte[64];
        Blake2b.Hash(_output, digest);
    }
}
