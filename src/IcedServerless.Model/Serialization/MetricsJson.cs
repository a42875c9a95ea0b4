using System.Text.Json;
using IcedServerless.Model.Metrics;

namespace IcedServerless.Model.Serialization;

/// <summary>Metrics as JSON, in the same form the model file embeds them.</summary>
public static class MetricsJson
{
    /// <summary>Serialises <paramref name="metrics"/> (indented, camelCase; NaN written as "NaN").</summary>
    /// <param name="metrics">The metrics.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(ClassificationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return JsonSerializer.Serialize(metrics, ModelJsonContext.Relaxed.ClassificationMetrics);
    }

    /// <summary>Parses metrics written by <see cref="Serialize"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ModelFormatException">The text is not metrics JSON.</exception>
    public static ClassificationMetrics Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ModelJsonContext.Relaxed.ClassificationMetrics)
                ?? throw new ModelFormatException(ModelFormatError.MalformedJson, "The metrics JSON is null.");
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException(ModelFormatError.MalformedJson, $"Not metrics JSON: {ex.Message}", ex);
        }
    }
}
