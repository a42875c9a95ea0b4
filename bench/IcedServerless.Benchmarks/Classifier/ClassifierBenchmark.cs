using System.Globalization;
using System.Text;
using IcedServerless.Inference;
using IcedServerless.Inference.Evaluation;
using IcedServerless.Inference.Latency;
using IcedServerless.Inference.Throughput;
using IcedServerless.Model.Data;
using IcedServerless.Model.Serialization;

namespace IcedServerless.Benchmarks.Classifier;

/// <summary>
/// The classifier benchmark: scores a model's test split encrypted in both packings and writes the section
/// "Classifier on encrypted data: MODEL" of docs/benchmarks.md.
/// Run: <c>dotnet run -c Release --project bench/IcedServerless.Benchmarks -- classifier --model M --data D
/// [--classes K] [--latency-images N] [--out docs/benchmarks.md]</c>.
/// </summary>
internal static class ClassifierBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string? fallback = null) =>
            args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback ?? throw new ArgumentException($"missing {name}");
        var model = await ModelFileReader.LoadAsync(Option("--model"));
        var classes = int.Parse(Option("--classes", model.ClassNames.Count.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var data = (await MedMnistLoader.LoadAsync(Option("--data"), classes)).Test;
        var latencyImages = int.Parse(Option("--latency-images", data.Count.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var output = Option("--out", "docs/benchmarks.md");

        var rows = new List<(string Packing, EncryptedEvaluationResult Result)>();
        Console.Error.WriteLine($"throughput packing: {data.Count} images");
        rows.Add(("throughput", EncryptedEvaluation.Run(new ThroughputEncryptedModel(model), model, data)));
        Console.Error.WriteLine($"latency packing: {latencyImages} images");
        rows.Add(("latency", EncryptedEvaluation.Run(new LatencyEncryptedModel(model), model, data, latencyImages)));

        var body = Report(model.Name, rows);
        Console.Write(body);
        MarkdownSections.Write(output, $"Classifier on encrypted data: {model.Name}", body);
        return 0;
    }

    private static string Report(string name, List<(string Packing, EncryptedEvaluationResult Result)> rows)
    {
        var s = new StringBuilder();
        s.Append($"Model `{name}`, test split, measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores " +
                        $"(load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end). Produced by " +
                        "`dotnet run -c Release --project bench/IcedServerless.Benchmarks -- classifier --model … --data …`.").AppendLine();
        s.AppendLine();
        s.AppendLine("| packing | images | N | primes (bits) | depth | rotation keys | encrypted ACC | encrypted AUC | plaintext ACC | plaintext AUC | argmax agreement | decision agreement | max logit error |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (packing, r) in rows)
        {
            s.AppendLine($"| {packing} | {r.Images} | {r.Plan.PolyModulusDegree} | {string.Join(",", r.Plan.CoeffModulusBits)} | {r.Plan.Depth} | " +
                            $"{r.Plan.RotationSteps.Count} | {r.Encrypted.Accuracy:F4} | {r.Encrypted.RocAuc:F4} | {r.Plaintext.Accuracy:F4} | " +
                            $"{r.Plaintext.RocAuc:F4} | {r.ArgmaxAgreement:P2} | {r.DecisionAgreement:P2} | {r.MaxLogitError:E2} |");
        }

        s.AppendLine();
        s.AppendLine("| packing | units | key generation | encryption | loading | evaluation | decryption | evaluation per unit | images per unit | images/s amortized over full units |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (packing, r) in rows)
        {
            var t = r.Timings;
            s.AppendLine($"| {packing} | {r.Units} | {Seconds(t.KeyGeneration)} | {Seconds(t.Encryption)} | {Seconds(t.Loading)} | " +
                            $"{Seconds(t.Evaluation)} | {Seconds(t.Decryption)} | {t.Evaluation.TotalMilliseconds / r.Units:F0} ms | " +
                            $"{r.Plan.ImagesPerUnit} | {r.Plan.ImagesPerUnit * r.Units / t.Evaluation.TotalSeconds:F0} |");
        }

        s.AppendLine();
        s.AppendLine("| packing | relin keys | Galois keys | upload per unit | upload per image | download per unit | peak working set |");
        s.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (packing, r) in rows)
        {
            var z = r.Sizes;
            s.AppendLine($"| {packing} | {Mb(z.RelinKeys)} | {Mb(z.GaloisKeys)} | {Mb(z.UploadPerUnit)} | " +
                            $"{Mb(z.UploadPerUnit / Math.Max(1, Math.Min(r.Plan.ImagesPerUnit, r.Images)))} | {Mb(z.DownloadPerUnit)} | {Mb(r.PeakWorkingSetBytes)} |");
        }

        s.AppendLine();
        s.AppendLine("Sizes are seeded (half-size) uploads with zlib, as a client sends them; keys are sent once per key set. " +
                     "Timings are wall clock on the whole run; evaluation is the service's share (ciphertexts in, encrypted logits out). " +
                     "A throughput unit costs the same whether its slots hold 1 or N/2 images, so its capacity is N/2 images per unit.");
        return s.ToString();
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
}
