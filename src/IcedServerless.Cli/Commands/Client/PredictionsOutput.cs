using System.Globalization;
using IcedServerless.Cli.Output;
using IcedServerless.Client.Results;
using IcedServerless.Client.Workflow;
using IcedServerless.Inference;
using IcedServerless.Model.Inference;
using IcedServerless.Model.Metrics;
using Spectre.Console;

namespace IcedServerless.Cli.Commands.Client;

/// <summary>The JSON result of <c>iced score</c> and <c>iced results</c>.</summary>
/// <param name="JobId">The job.</param>
/// <param name="ModelId">The model.</param>
/// <param name="Images">Images scored.</param>
/// <param name="Units">Units in the job.</param>
/// <param name="UnitsUploaded">Units this run uploaded (null when it uploaded nothing).</param>
/// <param name="UnitsAlreadyPresent">Units that had landed in an earlier run and were not sent again.</param>
/// <param name="PerClass">Predictions per class.</param>
/// <param name="Labelled">Images with a known true class.</param>
/// <param name="Accuracy">Accuracy on them.</param>
/// <param name="RocAuc">ROC AUC on them (one-vs-rest mean for more than two classes).</param>
/// <param name="Csv">The predictions.csv written.</param>
/// <param name="Json">The predictions.json written.</param>
internal sealed record PredictionsResult(
    string JobId, string ModelId, int Images, int Units, int? UnitsUploaded, int? UnitsAlreadyPresent,
    IReadOnlyDictionary<string, int> PerClass, int? Labelled, double? Accuracy, double? RocAuc, string Csv, string Json);

/// <summary>Writes predictions.csv / predictions.json and prints the summary table (or the JSON result).</summary>
internal static class PredictionsOutput
{
    public static async Task WriteAsync(CliOutput output, ScoreOutcome outcome, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var report = outcome.Report;
        var csv = Path.Combine(directory, "predictions.csv");
        var json = Path.Combine(directory, "predictions.json");
        await using (var writer = File.CreateText(csv))
        {
            await PredictionWriter.WriteCsvAsync(writer, report, cancellationToken).ConfigureAwait(false);
        }

        await using (var stream = File.Create(json))
        {
            await PredictionWriter.WriteJsonAsync(stream, report, cancellationToken).ConfigureAwait(false);
        }

        var result = new PredictionsResult(outcome.Record.JobId, report.Model, report.Predictions.Count, outcome.Record.Units.Count,
            outcome.Uploads?.Uploaded, outcome.Uploads?.AlreadyPresent, report.Summary.PerClass, report.Summary.Labelled, report.Summary.Accuracy,
            RocAuc(report), csv, json);
        output.WriteResult(result, console => Render(console, result, report));
    }

    // ROC AUC ranks the probabilities; the decision rule does not enter it (Compute only needs one for accuracy).
    private static double? RocAuc(PredictionReport report)
    {
        if (report.Predictions.Count == 0 || report.Predictions.Any(p => p.TrueClass is null))
        {
            return null;
        }

        var probabilities = report.Predictions.SelectMany(p => p.Probabilities).ToArray();
        var labels = report.Predictions.Select(p => p.TrueClass!.Value).ToArray();
        return ClassificationMetrics.Compute(probabilities, labels, report.Classes, DecisionRule.Argmax).RocAuc;
    }

    // A few images are listed one by one; a dataset gets only the summary (the files have every row).
    private const int MaxImagesListed = 25;

    private static void Render(IAnsiConsole console, PredictionsResult result, PredictionReport report)
    {
        console.MarkupLineInterpolated($"[bold]Diagnoses[/] of job {result.JobId} ({result.ModelId}), decrypted on this machine:");
        if (report.Predictions.Count <= MaxImagesListed)
        {
            var images = new Table().AddColumns("image", "diagnosis", "probability");
            foreach (var prediction in report.Predictions)
            {
                images.AddRow(
                    Markup.Escape(prediction.Name), Markup.Escape(prediction.PredictedLabel),
                    prediction.Probabilities[prediction.PredictedClass].ToString("P1", CultureInfo.InvariantCulture));
            }

            console.Write(images);
        }

        var table = new Table().AddColumns("class", "images");
        foreach (var (name, count) in result.PerClass)
        {
            table.AddRow(Markup.Escape(name), count.ToString(CultureInfo.InvariantCulture));
        }

        table.AddRow("[bold]total[/]", result.Images.ToString(CultureInfo.InvariantCulture));
        if (result.Accuracy is { } accuracy)
        {
            table.AddRow($"accuracy ({result.Labelled} labelled)", accuracy.ToString("P2", CultureInfo.InvariantCulture));
        }

        if (result.RocAuc is { } auc)
        {
            table.AddRow("ROC AUC", auc.ToString("F4", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        if (result.UnitsAlreadyPresent is > 0)
        {
            console.MarkupLineInterpolated($"{result.UnitsAlreadyPresent} of {result.Units} units had landed before and were not uploaded again.");
        }

        console.MarkupLineInterpolated($"Predictions: [bold]{result.Csv}[/] and [bold]{result.Json}[/]");
    }
}
