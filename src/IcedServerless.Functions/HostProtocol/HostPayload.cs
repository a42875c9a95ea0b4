using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IcedServerless.Functions.HostProtocol;

/// <summary>
/// Reads the JSON the Functions host POSTs to a custom handler: <c>{"Data": {binding: value}, "Metadata": {...}}</c>.
/// The host serializes with Newtonsoft, so member names are matched case-insensitively, and values whose shape
/// changed across host versions (<c>Query</c> as an object or as a JSON string) are accepted in every form.
/// </summary>
public static class HostPayload
{
    /// <summary>The binding name of the HTTP trigger in every HTTP function.json.</summary>
    public const string HttpBinding = "req";

    /// <summary>The binding name of the HTTP output in every HTTP function.json.</summary>
    public const string HttpOutputBinding = "res";

    /// <summary>The binding name of the queue trigger in every queue function.json.</summary>
    public const string QueueBinding = "message";

    /// <summary>Reads an HTTP trigger's request.</summary>
    /// <param name="payload">The invocation body.</param>
    /// <returns>The request.</returns>
    /// <exception cref="HostPayloadException">The payload lacks the request or its URL/method.</exception>
    public static HttpTriggerRequest ReadHttp(JsonElement payload)
    {
        var request = Binding(payload, HttpBinding);
        if (request.ValueKind != JsonValueKind.Object)
        {
            throw new HostPayloadException($"Data.{HttpBinding} must be an object, not {request.ValueKind}.");
        }

        // (On Unix "/path" parses as an absolute file URI, hence the scheme check.)
        var url = Member(request, "Url") is { ValueKind: JsonValueKind.String } u && Uri.TryCreate(u.GetString(), UriKind.Absolute, out var parsed)
            && parsed.Scheme is "http" or "https"
            ? parsed
            : throw new HostPayloadException($"Data.{HttpBinding}.Url must be an absolute http(s) URL.");
        var method = Member(request, "Method") is { ValueKind: JsonValueKind.String } m
            ? m.GetString()!.ToUpperInvariant()
            : throw new HostPayloadException($"Data.{HttpBinding}.Method is missing.");
        var body = Member(request, "Body") switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString()!,
            { ValueKind: JsonValueKind.Object or JsonValueKind.Array } json => json.GetRawText(),
            _ => string.Empty,
        };
        return new HttpTriggerRequest(method, url, StringMap(Member(request, "Params")), body);
    }

    /// <summary>Reads a queue trigger's message and metadata.</summary>
    /// <param name="payload">The invocation body.</param>
    /// <param name="invocationId">The <c>X-Azure-Functions-InvocationId</c> header, if any.</param>
    /// <returns>The invocation.</returns>
    /// <exception cref="HostPayloadException">The payload lacks the message, or it is not bytes, text or JSON.</exception>
    public static QueueTriggerInvocation ReadQueue(JsonElement payload, string? invocationId)
    {
        var body = QueueBody(Binding(payload, QueueBinding), depth: 0);
        var metadata = Member(payload, "Metadata");
        var dequeueCount = Member(metadata, "DequeueCount") switch
        {
            { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var v) => v,
            { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
            _ => 1,
        };
        var id = Member(metadata, "Id") is { ValueKind: JsonValueKind.String } i ? i.GetString() : null;
        var inserted = Member(metadata, "InsertionTime") is { ValueKind: JsonValueKind.String } t
            && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? when
            : (DateTimeOffset?)null;
        return new QueueTriggerInvocation(body, id, dequeueCount, inserted, invocationId);
    }

    /// <summary>
    /// The message bytes: with <c>dataType: binary</c> the host sends base64; with <c>string</c> it sends the text
    /// JSON-encoded once more; a POCO binding sends an object. Each form is accepted.
    /// </summary>
    private static byte[] QueueBody(JsonElement value, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object or JsonValueKind.Array:
                return Encoding.UTF8.GetBytes(value.GetRawText());
            case JsonValueKind.String:
                var text = value.GetString()!;
                var trimmed = text.TrimStart();
                if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
                {
                    return Encoding.UTF8.GetBytes(text);
                }

                if (trimmed.StartsWith('"') && depth == 0)
                {
                    using var inner = ParseOrThrow(text, $"Data.{QueueBinding}");
                    return QueueBody(inner.RootElement, depth + 1);
                }

                var bytes = new byte[text.Length];
                return Convert.TryFromBase64String(text, bytes, out var written)
                    ? bytes[..written]
                    : Encoding.UTF8.GetBytes(text);
            default:
                throw new HostPayloadException($"Data.{QueueBinding} must be a string or an object, not {value.ValueKind}.");
        }
    }

    private static JsonElement Binding(JsonElement payload, string name)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new HostPayloadException("The invocation payload must be a JSON object with a Data member.");
        }

        var data = Member(payload, "Data");
        return Member(data, name) is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } value
            ? value
            : throw new HostPayloadException($"The invocation payload has no Data.{name}.");
    }

    private static IReadOnlyDictionary<string, string> StringMap(JsonElement value)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } json)
        {
            // Some host versions send the dictionary as a JSON string.
            using var inner = ParseOrThrow(json, "a string-encoded map");
            return StringMap(inner.RootElement.Clone());
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var property in value.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Array => string.Join(',', property.Value.EnumerateArray().Select(e => e.ToString())),
                _ => property.Value.ToString(),
            };
        }

        return result;
    }

    private static JsonDocument ParseOrThrow(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new HostPayloadException($"{what} is not valid JSON: {e.Message}");
        }
    }

    /// <summary>A member by case-insensitive name, or <c>default</c> (Undefined).</summary>
    internal static JsonElement Member(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        if (value.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return default;
    }
}
