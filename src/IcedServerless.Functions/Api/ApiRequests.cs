using System.Globalization;
using System.Text.Json;
using IcedServerless.Contracts;
using IcedServerless.Functions.HostProtocol;
using IcedServerless.Functions.Jobs;
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

    /// <summary>The job named by the route's <c>jobId</c>.</summary>
    /// <exception cref="ApiException">No such job, or a malformed id (404).</exception>
    public static async Task<JobManifest> JobAsync(JobRepository jobs, HttpTriggerRequest request, CancellationToken cancellationToken)
    {
        var jobId = request.Route("jobId");
        return (JobIds.IsValid(jobId) ? await jobs.GetManifestAsync(jobId!, cancellationToken).ConfigureAwait(false) : null)
            ?? throw new ApiException(404, ApiErrorCodes.UnknownJob, $"There is no job '{jobId}'.");
    }

    /// <summary>Refuses work on a failed or expired job (409): its inputs are gone or will never be scored.</summary>
    /// <exception cref="ApiException">The job failed or expired.</exception>
    public static void EnsureSubmittable(string jobId, JobState state)
    {
        if (state is JobState.Failed or JobState.Expired)
        {
            throw new ApiException(409, ApiErrorCodes.JobNotSubmittable, $"Job {jobId} is {state.ToString().ToLowerInvariant()}; create a new job.");
        }
    }

    /// <summary>
    /// Headers for an answer about a job: <c>Location</c> (the status URL), plus <c>Retry-After</c> in whole seconds
    /// (rounded up) while the job is not terminal, so pollers space their calls as the service asks.
    /// </summary>
    public static Dictionary<string, string> JobHeaders(Uri? statusUrl, JobState state, TimeSpan retryAfter)
    {
        var headers = new Dictionary<string, string>();
        if (statusUrl is not null)
        {
            headers["Location"] = statusUrl.AbsoluteUri;
        }

        if (state is JobState.Created or JobState.Queued or JobState.Running)
        {
            headers["Retry-After"] = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return headers;
    }
}
