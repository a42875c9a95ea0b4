using System.Globalization;
using System.Text;
using IcedServerless.Client.Results;

namespace IcedServerless.Client.Tests;

public sealed class PredictionWriterTests
{
    private static readonly string[] s_classes = ["normal", "pneumonia"];

    private static PredictionReport Report() => PredictionReport.Create("pneumoniamnist-28/latency", "0123abcd", s_classes,
    [
        new Prediction("plain.png", 1, "pneumonia", [0.25, 0.75], [-0.5, 0.6]) { TrueClass = 1 },
        new Prediction("a, \"quoted\"\nname.dcm", 0, "normal", [0.9, 0.1], [1.1, -1.1]) { TrueClass = 1 },
        new Prediction("test/00002", 1, "pneumonia", [1.0 / 3, 2.0 / 3], [0, 0.69]) { TrueClass = 1 },
    ]);

    [Fact]
    public async Task Csv_rows_parse_back_to_names_labels_and_exact_probabilities()
    {
        var report = Report();
        var text = new StringWriter();
        var previous = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ","; // a culture that would break the columns if it leaked in
        CultureInfo.CurrentCulture = comma;
        try
        {
            await PredictionWriter.WriteCsvAsync(text, report);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        var rows = ParseCsv(text.ToString());
        Assert.Equal(["image", "prediction", "p_normal", "p_pneumonia"], rows[0]);
        Assert.Equal(4, rows.Count);
        for (var i = 0; i < 3; i++)
        {
            var p = report.Predictions[i];
            Assert.Equal([p.Name, p.PredictedLabel], rows[i + 1][..2]);
            Assert.Equal(p.Probabilities, rows[i + 1][2..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task Json_report_round_trips_with_counts_and_accuracy()
    {
        var report = Report();
        Assert.Equal(3, report.Summary.Images);
        Assert.Equal(1, report.Summary.PerClass["normal"]);
        Assert.Equal(2, report.Summary.PerClass["pneumonia"]);
        Assert.Equal(3, report.Summary.Labelled);
        Assert.Equal(2.0 / 3, report.Summary.Accuracy!.Value, 12);

        using var stream = new MemoryStream();
        await PredictionWriter.WriteJsonAsync(stream, report);
        Assert.Contains("\"perClass\"", Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
        stream.Position = 0;
        var back = await PredictionWriter.ReadJsonAsync(stream);
        Assert.Equal(report.Model, back.Model);
        Assert.Equal(report.JobId, back.JobId);
        Assert.Equal(report.Classes, back.Classes);
        Assert.Equal(report.Summary.Accuracy, back.Summary.Accuracy);
        Assert.Equal(report.Predictions.Select(p => (p.Name, p.PredictedClass, p.TrueClass)), back.Predictions.Select(p => (p.Name, p.PredictedClass, p.TrueClass)));
        Assert.Equal(report.Predictions[2].Probabilities, back.Predictions[2].Probabilities);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    public async Task Names_a_spreadsheet_would_run_as_formulas_get_a_leading_apostrophe(string name)
    {
        var report = PredictionReport.Create("m", null, s_classes, [new Prediction(name, 0, "normal", [0.6, 0.4], [0.2, -0.2])]);
        var text = new StringWriter();
        await PredictionWriter.WriteCsvAsync(text, report);
        Assert.Equal("'" + name, ParseCsv(text.ToString())[1][0]);
    }

    [Fact]
    public void Without_labels_there_is_no_accuracy()
    {
        var report = PredictionReport.Create("m", null, s_classes, [new Prediction("x", 0, "normal", [0.6, 0.4], [0.2, -0.2])]);
        Assert.Null(report.Summary.Accuracy);
        Assert.Null(report.Summary.Labelled);
        Assert.Equal(0, report.Summary.PerClass["pneumonia"]);
    }

    /// <summary>An RFC 4180 reader, independent of the writer.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
            else { field.Append(c); }
        }

        return rows;
    }
}
