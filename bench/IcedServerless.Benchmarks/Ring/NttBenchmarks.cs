using BenchmarkDotNet.Attributes;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Benchmarks.Ring;

/// <summary>
/// One forward or inverse negacyclic NTT of one residue polynomial, on the default (AVX-512 where available) and the
/// scalar path. Reference: SEAL native takes about 20-40 us at N=8192 for a 60-bit prime.
/// </summary>
[MemoryDiagnoser]
public class NttBenchmarks
{
    private NttTables _tables = null!;
    private ulong[] _values = null!;

    [Params(8192, 16384)]
    public int N { get; set; }

    [Params(60, 40)]
    public int Bits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var q = RingBenchmarkData.Prime(N, Bits);
        _tables = new NttTables(System.Numerics.BitOperations.Log2((uint)N), q);
        _values = RingBenchmarkData.Residues(N, q.Value, 1);
    }

    // The transforms run on their own output; both map [0, q) to [0, q), so every iteration does the same work.
    [Benchmark]
    public void Forward() => _tables.Forward(_values);

    [Benchmark]
    public void Inverse() => _tables.Inverse(_values);

    // The portable path, which processors without AVX-512 run.
    [Benchmark]
    public void ForwardScalar() => _tables.ForwardScalar(_values);

    [Benchmark]
    public void InverseScalar() => _tables.InverseScalar(_values);
}
