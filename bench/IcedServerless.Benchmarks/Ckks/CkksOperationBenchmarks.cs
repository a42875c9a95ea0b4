using BenchmarkDotNet.Attributes;
using IcedServerless.Ckks;

namespace IcedServerless.Benchmarks.Ckks;

/// <summary>
/// The CKKS operations the service runs, at the two parameter sets of the engine issue. Method names match the
/// node-seal timing script (bench/node-seal/bench.mjs) so bench/compare/make-table.mjs can pair them.
/// </summary>
[MemoryDiagnoser]
public class CkksOperationBenchmarks
{
    private CkksContext _context = null!;
    private CkksEncoder _encoder = null!;
    private Encryptor _encryptor = null!;
    private Decryptor _decryptor = null!;
    private Evaluator _evaluator = null!;
    private RelinKeys _relinKeys = null!;
    private GaloisKeys _galoisKeys = null!;
    private KeyGenerator _keygen = null!;
    private double[] _values = null!;
    private Plaintext _plain = null!, _plainDestination = null!;
    private Ciphertext _a = null!, _b = null!, _product = null!, _destination = null!, _accumulator = null!;

    private static readonly int[] s_eightSteps = [1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>N: 8192 with primes (60, 40, 40, 60), 16384 with (60, 40×6, 60).</summary>
    [Params(8192, 16384)]
    public int N { get; set; }

    /// <summary>Cores one operation may use (the context's option); the CPU-time report sets 1.</summary>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    [GlobalSetup]
    public void Setup()
    {
        var bits = N == 8192 ? new[] { 60, 40, 40, 60 } : new[] { 60, 40, 40, 40, 40, 40, 40, 60 };
        _context = new CkksContext(EncryptionParameters.Create(N, bits),
            new CkksContextOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism });
        var keygen = new KeyGenerator(_context);
        _encoder = new CkksEncoder(_context);
        _encryptor = new Encryptor(_context, keygen.CreatePublicKey());
        _decryptor = new Decryptor(_context, keygen.SecretKey);
        _evaluator = new Evaluator(_context);
        _relinKeys = keygen.CreateRelinKeys();
        _galoisKeys = keygen.CreateGaloisKeys([1, 0]);
        _keygen = keygen;
        var random = new Random(1);
        _values = Enumerable.Range(0, _context.SlotCount).Select(_ => random.NextDouble()).ToArray();
        _plain = _encoder.Encode(_values, Math.Pow(2, 40));
        _a = _encryptor.Encrypt(_plain);
        _b = _encryptor.Encrypt(_plain);
        _product = new Ciphertext();
        _evaluator.MultiplyPlain(_a, _plain, _product);
        _destination = new Ciphertext();
        _plainDestination = new Plaintext();
        _accumulator = _evaluator.CreateAccumulator(_a.ParmsId, 2, _product.Scale);
    }

    // Like the node-seal script, operations write into a preallocated destination where the API has that form.
    [Benchmark]
    public Plaintext Encode()
    {
        _encoder.Encode(_values, _context.FirstParmsId, Math.Pow(2, 40), _plainDestination);
        return _plainDestination;
    }

    [Benchmark]
    public double[] Decode() => _encoder.Decode(_plain);

    [Benchmark]
    public Ciphertext EncryptPublic()
    {
        _encryptor.Encrypt(_plain, _destination);
        return _destination;
    }

    [Benchmark]
    public Plaintext Decrypt()
    {
        _decryptor.Decrypt(_a, _plainDestination);
        return _plainDestination;
    }

    [Benchmark]
    public Ciphertext Add()
    {
        _evaluator.Add(_a, _b, _destination);
        return _destination;
    }

    [Benchmark]
    public Ciphertext MultiplyPlain()
    {
        _evaluator.MultiplyPlain(_a, _plain, _destination);
        return _destination;
    }

    [Benchmark]
    public Ciphertext MultiplyRelinearize()
    {
        _evaluator.Multiply(_a, _b, _destination);
        _evaluator.RelinearizeInplace(_destination, _relinKeys);
        return _destination;
    }

    [Benchmark]
    public Ciphertext RescaleToNext()
    {
        _evaluator.RescaleToNext(_product, _destination);
        return _destination;
    }

    [Benchmark]
    public Ciphertext RotateVector()
    {
        _evaluator.RotateVector(_a, 1, _galoisKeys, _destination);
        return _destination;
    }

    [Benchmark]
    public Ciphertext ComplexConjugate()
    {
        _evaluator.ComplexConjugate(_a, _galoisKeys, _destination);
        return _destination;
    }

    /// <summary>Every benchmark as a named action, for the CPU-time report.</summary>
    internal IEnumerable<(string Name, Action Op)> Operations()
    {
        var tables = _context.FirstContextData.Ntt[0];
        var eightStepKeys = _keygen.CreateGaloisKeys(s_eightSteps); // only the CPU-time report rotates by these
        var poly = _a.Data[.._context.PolyModulusDegree].ToArray();
        return
        [
            ("ForwardNtt (one prime)", () => tables.Forward(poly)),
            ("InverseNtt (one prime)", () => tables.Inverse(poly)),
            (nameof(Encode), () => Encode()),
            (nameof(Decode), () => Decode()),
            (nameof(EncryptPublic), () => EncryptPublic()),
            (nameof(Decrypt), () => Decrypt()),
            (nameof(Add), () => Add()),
            (nameof(MultiplyPlain), () => MultiplyPlain()),
            ("Multiply", () => _evaluator.Multiply(_a, _b, _destination)),
            (nameof(MultiplyRelinearize), () => MultiplyRelinearize()),
            (nameof(RescaleToNext), () => RescaleToNext()),
            (nameof(RotateVector), () => RotateVector()),
            (nameof(ComplexConjugate), () => ComplexConjugate()),
            ("RotateVector x8 (steps 1..8)", () =>
            {
                foreach (var step in s_eightSteps)
                {
                    _evaluator.RotateVector(_a, step, eightStepKeys, _destination);
                }
            }),
            ("RotateMany (steps 1..8, hoisted)", () => _evaluator.RotateMany(_a, s_eightSteps, eightStepKeys)),
            ("MultiplyConstAccumulate", () => _evaluator.MultiplyConstAccumulate(_a, 0.3, _accumulator)),
            ("MultiplyPlainAccumulate", () => _evaluator.MultiplyPlainAccumulate(_a, _plain, _product)),
        ];
    }
}
