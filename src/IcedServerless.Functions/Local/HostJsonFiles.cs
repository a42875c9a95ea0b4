using System.Text.Json;
using IcedServerless.Functions.HostProtocol;

namespace IcedServerless.Functions.Local;

/// <summary>A queue trigger as its function.json declares it.</summary>
/// <param name="FunctionName">The function (its folder name).</param>
/// <param name="BindingName">The trigger's <c>name</c>: the key of the message under <c>Data</c>.</param>
/// <param name="QueueName">The queue.</param>
/// <param name="DataType"><c>binary</c> (base64 in the payload) or <c>string</c> (JSON-encoded text).</param>
public sealed record QueueTriggerBinding(string FunctionName, string BindingName, string QueueName, string DataType);

/// <summary>Reads the Functions app layout the host would read: host.json and each function's function.json.</summary>
public static class HostJsonFiles
{
    /// <summary>Reads the queue-trigger settings from <c>{appRoot}/host.json</c>.</summary>
    /// <param name="appRoot">The app root.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="FileNotFoundException">host.json is missing.</exception>
    /// <exception cref="FormatException">It is malformed.</exception>
    public static QueueTriggerSettings ReadQueueSettings(string appRoot)
    {
        using var document = Parse(Path.Combine(appRoot, "host.json"));
        return QueueTriggerSettings.FromHostJson(document.RootElement);
    }

    /// <summary>Reads the queue trigger of <c>{appRoot}/{functionName}/function.json</c>.</summary>
    /// <param name="appRoot">The app root.</param>
    /// <param name="functionName">The function.</param>
    /// <returns>The binding.</returns>
    /// <exception cref="FileNotFoundException">function.json is missing.</exception>
    /// <exception cref="FormatException">It has no queue trigger with a name and queue.</exception>
    public static QueueTriggerBinding ReadQueueBinding(string appRoot, string functionName)
    {
        var path = Path.Combine(appRoot, functionName, "function.json");
        using var document = Parse(path);
        foreach (var binding in HostPayload.Member(document.RootElement, "bindings").EnumerateArray())
        {
            if (Text(binding, "type") is { } type && type.Equals("queueTrigger", StringComparison.OrdinalIgnoreCase))
            {
                return new QueueTriggerBinding(
                    functionName,
                    Text(binding, "name") ?? throw new FormatException($"{path}: the queue trigger has no name."),
                    Text(binding, "queueName") ?? throw new FormatException($"{path}: the queue trigger has no queueName."),
                    (Text(binding, "dataType") ?? "string").ToLowerInvariant());
            }
        }

        throw new FormatException($"{path} declares no queueTrigger binding.");
    }

    private static string? Text(JsonElement element, string name) =>
        HostPayload.Member(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not valid JSON: {e.Message}", e);
        }
    }
}
