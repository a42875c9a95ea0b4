using System.Net;
using System.Text;
using System.Text.Json;
using IcedServerless.Contracts;
using IcedServerless.Functions.Jobs;
using IcedServerless.Functions.Tests.Infrastructure;

namespace IcedServerless.Functions.Tests.HostProtocol;

/// <summary>
/// The app as the Functions host drives it: a readiness probe on <c>GET /</c>, then invocation payloads POSTed to
/// <c>/{FunctionName}</c>, answered with the invocation-result JSON the host expects.
/// </summary>
public sealed class InvocationEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private ServiceHost? _host;

    private ServiceHost Host => _host!;

    public async Task InitializeAsync() =>
        _host = await ServiceHost.StartAsync(TestClientCrypto.Shared.Model, ServiceHost.Embedded(_root.Path));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task ReadinessProbe_Answers200()
    {
        using var response = await Host.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ListModels_HostPayload_AnswersTheModelListInsideTheResOutput()
    {
        var (status, res) = await InvokeHttpAsync("ListModels", "GET", "https://iced.example.net/api/models?code=k", body: null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("200", res.GetProperty("statusCode").GetString());
        var models = JsonSerializer.Deserialize<ModelList>(res.GetProperty("body").GetString()!, ContractJson.Options)!;
        var plan = Assert.Single(models.Models);
        Assert.Equal(SlotwiseTestModel.Id, plan.ModelId);
        Assert.Equal([1], plan.RotationSteps);
        Assert.Equal(TestClientCrypto.Shared.Model.Plan.EncryptionParameters, plan.EncryptionParameters);
    }

    [Fact]
    public async Task CreateJob_MalformedBody_IsA400ForTheCallerButASuccessfulInvocation()
    {
        var (status, res) = await InvokeHttpAsync("CreateJob", "POST", "https://iced.example.net/api/jobs", body: "{\"modelId\":");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("400", res.GetProperty("statusCode").GetString());
        var error = JsonSerializer.Deserialize<ErrorResponse>(res.GetProperty("body").GetString()!, ContractJson.Options)!.Error;
        Assert.Equal(ApiErrorCodes.BadRequest, error.Code);
    }

    [Fact]
    public async Task SubmitJob_HostPayload_Answers202WithAStatusLinkOnThePublicOrigin()
    {
        var crypto = TestClientCrypto.Shared;
        var keySetId = await Host.Client.RegisterKeysAsync(SlotwiseTestModel.Id, crypto.RelinKeys, crypto.GaloisKeys);
        var job = await Host.Client.CreateJobAsync(SlotwiseTestModel.Id, keySetId, 1);
        await Host.Client.UploadAsync(job.Uploads[0].Url, crypto.EncryptUnit(crypto.Inputs(7)));

        var (status, res) = await InvokeHttpAsync(
            "SubmitJob", "POST", $"https://iced.example.net/api/jobs/{job.JobId}/submit?code=k", body: null, new Dictionary<string, string> { ["jobId"] = job.JobId });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("202", res.GetProperty("statusCode").GetString());
        Assert.Equal($"https://iced.example.net/api/jobs/{job.JobId}", res.GetProperty("headers").GetProperty("Location").GetString());
        Assert.Equal(JobState.Succeeded, (await Host.Client.WaitAsync(job.JobId)).State);
    }

    [Fact]
    public async Task JobStatus_UnknownJob_Is404UnknownJob()
    {
        var (_, res) = await InvokeHttpAsync(
            "JobStatus", "GET", "https://iced.example.net/api/jobs/nope", body: null, new Dictionary<string, string> { ["jobId"] = "nope" });

        Assert.Equal("404", res.GetProperty("statusCode").GetString());
        Assert.Contains(ApiErrorCodes.UnknownJob, res.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreShard_QueuePayloadForAnUnknownJob_SucceedsSoTheMessageIsDeleted()
    {
        var message = Convert.ToBase64String(new ShardMessage(JobIds.New(), 0).ToBytes());
        var payload = $$$"""{"Data":{"message":"{{{message}}}"},"Metadata":{"DequeueCount":1,"Id":"m1","InsertionTime":"2026-11-22T03:00:00+00:00"}}""";

        using var response = await PostAsync("ScoreShard", payload);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no such job", body.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(body.RootElement.GetProperty("Outputs").EnumerateObject());
    }

    [Fact]
    public async Task UnknownFunctionOrMalformedPayload_AreRefused()
    {
        using var unknown = await PostAsync("NoSuchFunction", "{}");
        using var noData = await PostAsync("ScoreShard", "{\"Metadata\":{}}");
        using var notJson = await PostAsync("ListModels", "not json");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noData.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Res)> InvokeHttpAsync(
        string function, string method, string url, string? body, IReadOnlyDictionary<string, string>? routeParams = null)
    {
        var request = new Dictionary<string, object?>
        {
            ["Url"] = url,
            ["Method"] = method,
            ["Query"] = "{\"code\":\"k\"}",
            ["Headers"] = new Dictionary<string, string[]> { ["Content-Type"] = ["application/json"], ["Host"] = [new Uri(url).Host] },
            ["Params"] = routeParams ?? new Dictionary<string, string>(),
            ["Identities"] = "[]",
        };
        if (body is not null)
        {
            request["Body"] = body;
        }

        var payload = JsonSerializer.Serialize(new { Data = new { req = request }, Metadata = new { sys = new { MethodName = function } } });
        using var response = await PostAsync(function, payload);
        var json = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(json).RootElement.GetProperty("Outputs").GetProperty("res").Clone());
    }

    private Task<HttpResponseMessage> PostAsync(string function, string payload)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/" + function) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1037.0");
        return Host.Http.SendAsync(request);
    }
}
