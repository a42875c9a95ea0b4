using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcedServerless.Model.Serialization;

/// <summary>
/// Source-generated JSON metadata for model files (no reflection, trimming-safe). NaN metrics (e.g. precision of a
/// class never predicted) are written as the string "NaN".
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    IgnoreReadOnlyProperties = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    MaxDepth = 32)]
[JsonSerializable(typeof(ModelFileDto))]
[JsonSerializable(typeof(Metrics.ClassificationMetrics))]
internal sealed partial class ModelJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context with a relaxed encoder, so text such as "a*x^2 + b*x" stays readable in the file; the output is
    /// a data file, never embedded in HTML.
    /// </summary>
    public static ModelJsonContext Relaxed => s_relaxed.Value;

    private static readonly Lazy<ModelJsonContext> s_relaxed = new(CreateRelaxed);

    private static ModelJsonContext CreateRelaxed()
    {
        JsonSerializerOptions defaults = Default.Options;
        return new ModelJsonContext(new JsonSerializerOptions(defaults) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
