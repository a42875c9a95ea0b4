using System.Globalization;
using IcedServerless.Model;
using IcedServerless.Model.Metrics;
using Spectre.Console;

namespace IcedServerless.Cli.Rendering;

/// <summary>Renders metrics and model summaries as Spectre.Console tables.</summary>
internal static class MetricsRenderer
{
    public static void WriteModelSummary(IAnsiConsole console, ClassifierModel model)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]model[/]", Markup.Escape(model.Name));
        grid.AddRow("[bold]classes[/]", Markup.Escape(string.Join(", ", model.ClassNames)));
        grid.AddRow("[bold]input[/]", $"{model.Preprocessing.InputSize}×{model.Preprocessing.InputSize} grayscale, mean {F(model.Preprocessing.Mean)}, std {F(model.Preprocessing.Std)}");
        grid.AddRow("[bold]layers[/]", Markup.Escape(string.Join(" → ", model.Network.Layers.Select(l => $"{l.Name}{l.OutputShape}"))));
        grid.AddRow("[bold]CKKS[/]", $"depth {model.MultiplicativeDepth}, {model.MultiplyAccumulates:N0} MACs/image, max |pre-activation| "
            + Markup.Escape(string.Join(", ", model.ActivationBounds.Select(b => $"{b.Layer} {F(b.MaxAbsInput)}"))));
        grid.AddRow("[bold]decision[/]", Markup.Escape(model.Decision.ToString()));
        console.Write(grid);
    }

    public static void WriteMetrics(IAnsiConsole console, string title, ClassificationMetrics m)
    {
        var summary = new Table().Title(Markup.Escape(title)).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        summary.AddRow("samples", m.SampleCount.ToString(CultureInfo.InvariantCulture));
        summary.AddRow("accuracy", F(m.Accuracy));
        summary.AddRow("balanced accuracy", F(m.BalancedAccuracy));
        summary.AddRow($"ROC AUC ({m.RocAucKind})", F(m.RocAuc));
        summary.AddRow("ECE (10 bins)", F(m.ExpectedCalibrationError));
        summary.AddRow("Brier score", F(m.BrierScore));
        summary.AddRow("decision", Markup.Escape(m.DecisionRule));
        console.Write(summary);

        var perClass = new Table().AddColumn("class").AddColumn(new TableColumn("support").RightAligned())
            .AddColumn(new TableColumn("sensitivity").RightAligned()).AddColumn(new TableColumn("specificity").RightAligned())
            .AddColumn(new TableColumn("precision").RightAligned()).AddColumn(new TableColumn("AUC (1-vs-rest)").RightAligned());
        foreach (var c in m.PerClass)
        {
            perClass.AddRow(Markup.Escape(c.Name), c.Support.ToString(CultureInfo.InvariantCulture), F(c.Sensitivity), F(c.Specificity), F(c.Precision), F(c.RocAuc));
        }

        console.Write(perClass);

        var confusion = new Table().Title("confusion matrix (rows: true, columns: predicted)").AddColumn("");
        foreach (var c in m.PerClass)
        {
            confusion.AddColumn(new TableColumn(Markup.Escape(c.Name)).RightAligned());
        }

        for (int i = 0; i < m.PerClass.Length; i++)
        {
            confusion.AddRow([Markup.Escape(m.PerClass[i].Name), .. m.ConfusionMatrix[i].Select(v => v.ToString(CultureInfo.InvariantCulture))]);
        }

        console.Write(confusion);
    }

    public static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
