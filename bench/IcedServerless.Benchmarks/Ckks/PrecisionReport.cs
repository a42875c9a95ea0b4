using System.Globalization;
using System.Text;
using IcedServerless.Ckks;

namespace IcedServerless.Benchmarks.Ckks;

/// <summary>
/// Measures the worst slot error of each operation on random inputs in [−1, 1] at scale 2^40 and prints a Markdown
/// table (for docs/ckks-engine.md). Run: <c>dotnet run -c Release --project bench/IcedServerless.Benchmarks -- precision</c>.
/// </summary>
internal static class PrecisionReport
{
    private const int Trials = 3;

    public static string Run()
    {
        var report = new StringBuilder();
        report.AppendLine("| N | primes (bits) | operation | max abs error (worst of 3 trials) | bits of precision |");
        report.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var (n, bits) in new[] { (8192, new[] { 60, 40, 40, 60 }), (16384, new[] { 60, 40, 40, 40, 40, 40, 40, 60 }) })
        {
            foreach (var (operation, error) in Measure(n, bits))
            {
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {n} | {string.Join(",", bits)} | {operation} | {error:E2} | {-Math.Log2(error):F1} |");
            }
        }

        return report.ToString();
    }

    private static IEnumerable<(string, double)> Measure(int n, int[] bits)
    {
        var context = new CkksContext(EncryptionParameters.Create(n, bits));
        var keygen = new KeyGenerator(context);
        var encoder = new CkksEncoder(context);
        var encryptor = new Encryptor(context, keygen.CreatePublicKey(), keygen.SecretKey);
        var decryptor = new Decryptor(context, keygen.SecretKey);
        var evaluator = new Evaluator(context);
        var relin = keygen.CreateRelinKeys();
        var galois = keygen.CreateGaloisKeys([1, 0]);
        var scale = Math.Pow(2, 40);
        var worst = new Dictionary<string, double>();
        var random = new Random(42);

        for (var trial = 0; trial < Trials; trial++)
        {
            var x = Enumerable.Range(0, context.SlotCount).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            var y = Enumerable.Range(0, context.SlotCount).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            var px = encoder.Encode(x, scale);
            var py = encoder.Encode(y, scale);
            var a = encryptor.Encrypt(px);
            var b = encryptor.Encrypt(py);
            var r = new Ciphertext();

            void Record(string name, Ciphertext ct, Func<int, double> expected)
            {
                var decoded = encoder.Decode(decryptor.Decrypt(ct));
                var error = Enumerable.Range(0, decoded.Length).Max(i => Math.Abs(decoded[i] - expected(i)));
                worst[name] = Math.Max(worst.GetValueOrDefault(name), error);
            }

            var encodeError = encoder.Decode(px).Select((v, i) => Math.Abs(v - x[i])).Max();
            worst["encode → decode"] = Math.Max(worst.GetValueOrDefault("encode → decode"), encodeError);
            Record("encrypt (public key) → decrypt", a, i => x[i]);
            Record("encrypt (symmetric) → decrypt", encryptor.EncryptSymmetric(px), i => x[i]);
            evaluator.Add(a, b, r);
            Record("add", r, i => x[i] + y[i]);
            evaluator.MultiplyPlain(a, py, r);
            evaluator.RescaleToNextInplace(r);
            Record("multiply_plain + rescale", r, i => x[i] * y[i]);
            evaluator.Multiply(a, b, r);
            evaluator.RelinearizeInplace(r, relin);
            evaluator.RescaleToNextInplace(r);
            Record("multiply + relinearize + rescale", r, i => x[i] * y[i]);
            evaluator.RotateVector(a, 1, galois, r);
            Record("rotate by 1", r, i => x[(i + 1) % x.Length]);
            evaluator.ComplexConjugate(a, galois, r);
            Record("complex conjugate", r, i => x[i]);
        }

        return worst.Select(kv => (kv.Key, kv.Value));
    }
}
