using System.Globalization;
using System.Text.Json;

namespace IcedServerless.Client.Results;

/// <summary>Writes predictions as CSV (<c>image,prediction,p_&lt;class&gt;...</c>) and as a JSON report.</summary>
public static class PredictionWriter
{
    /// <summary>
    /// Writes one CSV row per prediction: the quoted image name, the predicted class name and the probability of every
    /// class, in invariant culture with round-trip precision.
    /// </summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The predictions.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteCsvAsync(TextWriter writer, PredictionReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var header = string.Join(",", ["image", "prediction", .. report.Classes.Select(c => Quote("p_" + c))]);
        await writer.WriteAsync((header + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
        foreach (var p in report.Predictions)
        {
            var row = string.Join(",", [Quote(p.Name), Quote(p.PredictedLabel), .. p.Probabilities.Select(v => v.ToString("R", CultureInfo.InvariantCulture))]);
            await writer.WriteAsync((row + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the report (model, job, classes, predictions, summary) as indented camelCase JSON.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public static Task WriteJsonAsync(Stream stream, PredictionReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.SerializeAsync(stream, report, ClientJson.Options, cancellationToken);
    }

    /// <summary>Reads a report written by <see cref="WriteJsonAsync"/>.</summary>
    /// <param name="stream">The source.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report.</returns>
    /// <exception cref="JsonException">The content is not a prediction report.</exception>
    public static async Task<PredictionReport> ReadJsonAsync(Stream stream, CancellationToken cancellationToken = default) =>
        await JsonSerializer.DeserializeAsync<PredictionReport>(stream, ClientJson.Options, cancellationToken).ConfigureAwait(false)
        ?? throw new JsonException("The prediction report is empty.");

    // Names are always quoted (RFC 4180: embedded quotes doubled), so commas, quotes and line breaks in file names
    // cannot shift columns. A field a spreadsheet would run as a formula (= + - @, or a leading tab/CR) gets a
    // leading apostrophe, so a crafted file name cannot execute in the hospital's spreadsheet.
    private static string Quote(string field)
    {
        var safe = field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + field : field;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
