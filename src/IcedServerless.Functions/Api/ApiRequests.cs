using System.Text.Json;
using IcedServerless.Contracts;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Inference;

namespace IcedServerless.Functions.Api;

/// <summary>Request plumbing shared by the HTTP functions: body parsing, model lookup, public links.</summary>
internal static class ApiRequests
{
    /// <summary>The largest JSON body an HTTP function accepts (bodies are small: data goes through links).</summary>
    public const int MaxBodyChars = 64 * 1024;

    /// <summary>Parses a JSON body.</summary>
    /// <exception cref="ApiException">The body is missing, too large or not the expected JSON (400).</exception>
    public static T ReadBody<T>(HttpTriggerRequest request)
        where T : class
    {
        if (request.Body.Length > MaxBodyChars)
        {
            throw ApiException.BadRequest($"The body has {request.Body.Length} characters; at most {MaxBodyChars} are accepted.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(request.Body, ContractJson.Options)
                ?? throw ApiException.BadRequest($"The body must be a {typeof(T).Name} JSON object.");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"The body is not a valid {typeof(T).Name}: {e.Message}");
        }
    }

    /// <summary>Finds a model.</summary>
    /// <exception cref="ApiException">No such model (404).</exception>
    public static IEncryptedModel Model(IModelCatalog catalog, string? modelId) =>
        (modelId is null ? null : catalog.Find(modelId))
        ?? throw new ApiException(404, ApiErrorCodes.UnknownModel, $"There is no model '{modelId}'; GET /api/models lists them.");

    /// <summary>A URL of this API, built on the caller's public origin (the host passes the original URL).</summary>
    public static Uri Link(HttpTriggerRequest request, string path) =>
        new($"{request.Url.GetLeftPart(UriPartial.Authority)}/{FunctionNames.RoutePrefix}/{path}");
}
