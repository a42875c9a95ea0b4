using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcedServerless.Cli.Output;

/// <summary>The JSON style of <c>--json</c> results: camelCase, enums as strings, indented, no nulls.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // NaN metrics (e.g. AUC of one class) must not make the document unwritable.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
