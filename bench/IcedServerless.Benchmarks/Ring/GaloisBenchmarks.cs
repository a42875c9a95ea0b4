using BenchmarkDotNet.Attributes;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Benchmarks.Ring;

/// <summary>Applying a rotation's NTT-domain permutation to one residue polynomial.</summary>
[MemoryDiagnoser]
public class GaloisBenchmarks
{
    private int[] _permutation = null!;
    private ulong[] _input = null!;
    private ulong[] _result = null!;

    [Params(8192, 16384)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var logN = System.Numerics.BitOperations.Log2((uint)N);
        _permutation = Galois.NttPermutation(logN, Galois.ElementFromStep(1, N));
        _input = RingBenchmarkData.Residues(N, 1UL << 60, 1);
        _result = new ulong[N];
    }

    [Benchmark]
    public void Permute() => Galois.Permute(_input, _permutation, _result);
}
