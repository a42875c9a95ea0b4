using System.Globalization;
using IcedServerless.Cli.Rendering;
using IcedServerless.Model;
using IcedServerless.Model.Data;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Demo;

/// <summary>The demo's closing report.</summary>
internal sealed partial class DemoCommand
{
    private void Report(DemoRun run, ClassifierModel model, ImageDataset data, TimeSpan total)
    {
        var console = Output.Console;
        var plan = run.Plan;
        MetricsRenderer.WriteMetrics(console, $"Diagnoses decrypted on the client ({data.Count} test images)", run.Encrypted);

        var agreement = new Table().Title("[bold]Encrypted vs plaintext model[/]").AddColumns("measure", "value");
        agreement.AddRow("same diagnosis as the plaintext model", $"{run.Agreement:P2}");
        agreement.AddRow("largest logit difference", run.MaxLogitError.ToString("E2", CultureInfo.InvariantCulture));
        agreement.AddRow("CKKS parameters", $"N = {plan.PolyModulusDegree}, primes {string.Join(",", plan.CoeffModulusBits)} bits, depth {plan.Depth}, 128-bit secure");
        agreement.AddRow("units (ciphertext groups) / shards", $"{run.Status.Progress.Units} / {run.Status.Progress.Shards}");
        console.Write(agreement);

        var stages = new Table().Title("[bold]Time per stage[/]").AddColumns("stage", "time");
        foreach (var (stage, time) in run.Stages.Laps)
        {
            stages.AddRow(stage, Seconds(time.TotalMilliseconds));
        }

        var t = run.Status.Timings;
        stages.AddRow("  of which: queue wait (service)", Seconds(t.QueueWaitMs));
        stages.AddRow("  of which: reading inputs (service)", Seconds(t.DownloadMs));
        stages.AddRow("  of which: homomorphic scoring (service)", Seconds(t.ScoreMs));
        stages.AddRow("  of which: writing results (service)", Seconds(t.UploadMs));
        stages.AddRow("[bold]total[/]", $"[bold]{Seconds(total.TotalMilliseconds)}[/]");
        console.Write(stages);

        var sizes = new Table().Title("[bold]Bytes on the wire[/]").AddColumns("what", "size");
        sizes.AddRow("evaluation keys (seeded, once per key set)", Mib(run.KeyBytes));
        sizes.AddRow("encrypted images (seeded, uncompressed)", Mib(run.UploadBytes));
        sizes.AddRow("encrypted logits", Mib(run.DownloadBytes));
        sizes.AddRow("secret key", "never sent");
        console.Write(sizes);
        console.MarkupLineInterpolated($"Model [blue]{model.Name}[/] released with test ACC {model.Metrics?.Test?.Accuracy ?? double.NaN:F4}; encrypted run ACC {run.Encrypted.Accuracy:F4}, AUC {run.Encrypted.RocAuc:F4}.");
    }

    private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("F2", CultureInfo.InvariantCulture) + " s";

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
}
