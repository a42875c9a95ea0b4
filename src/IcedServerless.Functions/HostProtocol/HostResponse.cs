using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IcedServerless.Contracts;

namespace IcedServerless.Functions.HostProtocol;

/// <summary>
/// Builds the JSON a custom handler returns to the Functions host: <c>{"Outputs": {...}, "Logs": [...],
/// "ReturnValue": null}</c>. The host fails the invocation on a non-2xx status, so every handled outcome —
/// including an HTTP 404 for the caller — is a 200 to the host, with the caller's status inside the
/// <c>res</c> output binding.
/// </summary>
public static class HostResponse
{
    /// <summary>The invocation result of an HTTP function.</summary>
    /// <param name="result">The caller's response.</param>
    /// <param name="logs">Lines the host logs under the invocation.</param>
    /// <returns>The JSON text.</returns>
    public static string ForHttp(ApiResult result, IReadOnlyList<string> logs)
    {
        ArgumentNullException.ThrowIfNull(result);
        var headers = new JsonObject();
        if (result.Body is not null)
        {
            headers["Content-Type"] = "application/json; charset=utf-8";
        }

        foreach (var (name, value) in result.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }

        var http = new JsonObject
        {
            ["statusCode"] = result.Status.ToString(CultureInfo.InvariantCulture),
            ["headers"] = headers,
            ["body"] = result.Body is null ? string.Empty : JsonSerializer.Serialize(result.Body, ContractJson.Options),
        };
        return Envelope(new JsonObject { [HostPayload.HttpOutputBinding] = http }, logs);
    }

    /// <summary>The invocation result of a queue function (no output bindings).</summary>
    /// <param name="logs">Lines the host logs under the invocation.</param>
    /// <returns>The JSON text.</returns>
    public static string ForQueue(IReadOnlyList<string> logs) => Envelope(new JsonObject(), logs);

    private static string Envelope(JsonObject outputs, IReadOnlyList<string> logs) =>
        new JsonObject
        {
            ["Outputs"] = outputs,
            ["Logs"] = new JsonArray(logs.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            ["ReturnValue"] = null,
        }.ToJsonString();
}
