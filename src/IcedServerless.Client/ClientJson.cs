using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcedServerless.Client;

/// <summary>The JSON conventions of the client's own files (key set descriptions, job records, predictions).</summary>
internal static class ClientJson
{
    /// <summary>camelCase, kebab-case enums, indented (people read these files), nulls omitted, unknown members refused.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
