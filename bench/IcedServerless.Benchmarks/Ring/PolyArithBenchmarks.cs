using BenchmarkDotNet.Attributes;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Benchmarks.Ring;

/// <summary>Element-wise kernels on one residue polynomial of N = 8192 or 16384 words.</summary>
[MemoryDiagnoser]
public class PolyArithBenchmarks
{
    private Modulus _q;
    private ulong[] _a = null!;
    private ulong[] _b = null!;
    private ulong[] _result = null!;

    [Params(8192, 16384)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _q = RingBenchmarkData.Prime(N, 60);
        _a = RingBenchmarkData.Residues(N, _q.Value, 1);
        _b = RingBenchmarkData.Residues(N, _q.Value, 2);
        _result = RingBenchmarkData.Residues(N, _q.Value, 3);
    }

    [Benchmark]
    public void Add() => PolyArith.Add(_a, _b, _result, _q);

    [Benchmark]
    public void Multiply() => PolyArith.Multiply(_a, _b, _result, _q);

    [Benchmark]
    public void MultiplyAdd() => PolyArith.MultiplyAdd(_a, _b, _result, _q);

    [Benchmark]
    public void MultiplyScalar() => PolyArith.MultiplyScalar(_a, 123456789, _result, _q);
}
