using BenchmarkDotNet.Attributes;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Benchmarks.Ring;

/// <summary>
/// Divide-and-round of one RNS polynomial by its last prime (one rescale of one ciphertext polynomial):
/// N=8192 with [60, 40, 40] and N=16384 with [60, 40 x6], the first data levels of the test-vector parameters.
/// </summary>
[MemoryDiagnoser]
public class RnsRescalerBenchmarks
{
    private RnsRescaler _rescaler = null!;
    private ulong[] _input = null!;
    private ulong[] _work = null!;
    private ulong[] _scratch = null!;

    [Params(8192, 16384)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int[] bits = N == 8192 ? [60, 40, 40] : [60, 40, 40, 40, 40, 40, 40];
        var logN = System.Numerics.BitOperations.Log2((uint)N);
        var primes = Primes.CreateCoeffModulus(N, bits);
        _rescaler = new RnsRescaler(primes.Select(q => new NttTables(logN, new Modulus(q))).ToArray());
        _input = primes.SelectMany((q, j) => RingBenchmarkData.Residues(N, q, j)).ToArray();
        _work = new ulong[_input.Length];
        _scratch = new ulong[N];
    }

    // The copy (a few microseconds) keeps every iteration on the same valid input.
    [Benchmark]
    public void DivideAndRoundLast()
    {
        _input.CopyTo(_work, 0);
        _rescaler.DivideAndRoundLast(_work, _scratch);
    }
}
