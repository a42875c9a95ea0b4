using BenchmarkDotNet.Attributes;
using IcedServerless.Ckks.Hashing;

namespace IcedServerless.Benchmarks.Hashing;

/// <summary>Regenerating c1 of a seeded key ciphertext: uniform sampling of N = 8192 over the 4 test-vector primes.</summary>
[MemoryDiagnoser]
public class UniformSamplingBenchmarks
{
    private const int N = 8192;
    private static readonly ulong[] s_primes = [1152921504606748673, 1099510890497, 1099511480321, 1152921504606830593];

    private readonly byte[] _seed = Enumerable.Range(0, SealPrng.SeedBytes).Select(i => (byte)(i * 5)).ToArray();
    private readonly ulong[] _poly = new ulong[N * 4];

    [Benchmark(Description = "Uniform N=8192 x 4 primes")]
    public void Uniform() => Sampler.Uniform(new SealPrng(_seed), s_primes, N, _poly);

    [Benchmark(Description = "CenteredBinomial N=8192 x 4 primes")]
    public void CenteredBinomial() => Sampler.CenteredBinomial(new SealPrng(_seed), s_primes, N, _poly);

    [Benchmark(Description = "Ternary N=8192 x 4 primes")]
    public void Ternary() => Sampler.Ternary(new SealPrng(_seed), s_primes, N, _poly);
}
