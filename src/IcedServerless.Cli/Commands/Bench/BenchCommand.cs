using System.Globalization;
using IcedServerless.Cli.Hosting;
using IcedServerless.Cli.Rendering;
using IcedServerless.Inference;
using IcedServerless.Inference.Evaluation;
using IcedServerless.Inference.Latency;
using IcedServerless.Inference.Throughput;
using IcedServerless.Model.Data;
using IcedServerless.Model.Serialization;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Bench;

/// <summary>
/// <c>iced bench</c>: the client and service halves of the encrypted pipeline in this process, on the encrypted
/// model directly (no HTTP, no store), timed per stage — what a deployment's capacity planning starts from.
/// </summary>
internal sealed class BenchCommand(CliContext context)
{
    public async Task<int> ExecuteAsync(string modelId, int images, string? dataPath, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var model = await ModelFileReader.LoadAsync(BundledFiles.ModelFile(modelId), cancellationToken).ConfigureAwait(false);
        var packing = modelId.Contains('/', StringComparison.Ordinal) ? modelId[(modelId.IndexOf('/', StringComparison.Ordinal) + 1)..] : "latency";
        var data = dataPath ?? BundledFiles.PneumoniaMnist();
        var test = (await MedMnistLoader.LoadAsync(data, model.ClassNames.Count, cancellationToken).ConfigureAwait(false)).Test;

        var result = await output.StatusAsync($"bench: compiling {model.Name}/{packing} and scoring {Math.Min(images, test.Count)} images", () => Task.Run(() =>
        {
            IEncryptedModel encrypted = packing switch
            {
                "latency" => new LatencyEncryptedModel(model),
                "throughput" => new ThroughputEncryptedModel(model),
                _ => throw new UserFacingException($"Unknown packing '{packing}' in '{modelId}': use NAME/latency or NAME/throughput (`iced models` lists the ids)."),
            };
            return EncryptedEvaluation.Run(encrypted, model, test, images, cancellationToken);
        }, cancellationToken)).ConfigureAwait(false);

        var bench = BenchResult.From(result);
        output.WriteResult(bench, console => Render(console, bench));
        return ExitCodes.Success;
    }

    private static void Render(IAnsiConsole console, BenchResult b)
    {
        static string Ms(double ms) => ms.ToString("F0", CultureInfo.InvariantCulture) + " ms";
        var table = new Table()
            .Title($"[bold]{Markup.Escape(b.ModelId)}[/]: {b.Images} images in {b.Units} units, N = {b.PolyModulusDegree}, {b.ProcessorCount} cores")
            .AddColumn("stage").AddColumn(new TableColumn("time").RightAligned()).AddColumn("side");
        table.AddRow("key generation (once per key set)", Ms(b.KeyGenerationMs), "client");
        table.AddRow("encryption, per unit", Ms(b.EncryptionMsPerUnit), "client");
        table.AddRow("loading ciphertexts, per unit", Ms(b.LoadingMsPerUnit), "service");
        table.AddRow("encrypted evaluation, per unit", Ms(b.EvaluationMsPerUnit), "service");
        table.AddRow("encrypted evaluation, per image", Ms(b.EvaluationMsPerImage), "service");
        table.AddRow("decryption, per unit", Ms(b.DecryptionMsPerUnit), "client");
        console.Write(table);

        var sizes = new Table().AddColumn("bytes on the wire").AddColumn(new TableColumn("size").RightAligned());
        sizes.AddRow("relinearization keys (seeded, zlib)", Sizes.Bytes(b.RelinKeyBytes));
        sizes.AddRow("Galois keys (seeded, zlib)", Sizes.Bytes(b.GaloisKeyBytes));
        sizes.AddRow("upload per unit (seeded, zlib)", Sizes.Bytes(b.UploadBytesPerUnit));
        sizes.AddRow("download per unit (zlib)", Sizes.Bytes(b.DownloadBytesPerUnit));
        console.Write(sizes);
        console.MarkupLineInterpolated(
            $"Same diagnosis as the plaintext model: {b.DecisionAgreement:P1} (argmax {b.ArgmaxAgreement:P1}); largest logit difference {b.MaxLogitError.ToString("E2", CultureInfo.InvariantCulture)}; peak memory {Sizes.Bytes(b.PeakWorkingSetBytes)}.");
    }
}
