using System.Text.Json;
using IcedServerless.Contracts;

namespace IcedServerless.Client;

/// <summary>The JSON conventions of the client's own files (key set descriptions, job records, predictions).</summary>
internal static class ClientJson
{
    /// <summary>The API's conventions (<see cref="ContractJson.Options"/>), indented because people read these files.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(ContractJson.Options) { WriteIndented = true };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
