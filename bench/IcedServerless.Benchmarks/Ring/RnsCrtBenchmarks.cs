using BenchmarkDotNet.Attributes;
using IcedServerless.Ckks.Ring;

namespace IcedServerless.Benchmarks.Ring;

/// <summary>CRT composition of a whole N = 8192 polynomial to doubles (the integer half of CKKS decoding).</summary>
[MemoryDiagnoser]
public class RnsCrtBenchmarks
{
    private RnsCrt _crt = null!;
    private ulong[] _poly = null!;
    private double[] _destination = null!;

    [Params(1, 3, 8)]
    public int Primes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const int N = 8192;
        var bits = Enumerable.Range(0, Primes).Select(j => j == 0 ? 60 : 40).ToArray();
        var primes = IcedServerless.Ckks.Ring.Primes.CreateCoeffModulus(N, bits);
        _crt = new RnsCrt(primes.Select(q => new Modulus(q)).ToArray());
        _poly = primes.SelectMany((q, j) => RingBenchmarkData.Residues(N, q, j)).ToArray();
        _destination = new double[N];
    }

    [Benchmark]
    public void ComposeCenteredToDouble() => _crt.ComposeCenteredToDouble(_poly, 1099511627776.0, _destination);
}
