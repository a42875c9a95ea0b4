using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcedServerless.Contracts;

/// <summary>The JSON conventions of the API: camelCase members, kebab-case enum values, nulls omitted.</summary>
public static class ContractJson
{
    /// <summary>Serializer options for request and response bodies (read-only, shared).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Unknown members are a client bug worth reporting, not silently dropping.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
