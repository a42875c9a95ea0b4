using System.Net;
using IcedServerless.Contracts;
using IcedServerless.Functions.Tests.Infrastructure;

namespace IcedServerless.Functions.Tests.Pipeline;

/// <summary>In local mode with a function key set, the job routes (the resume route included) demand it.</summary>
public sealed class FunctionKeyTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task RenewUploads_WithoutTheKeyIs401_WithItReachesTheFunction()
    {
        var settings = ServiceHost.Embedded(_root.Path);
        settings["Iced:Local:FunctionKey"] = "s3cret";
        await using var host = await ServiceHost.StartAsync(TestClientCrypto.Shared.Model, settings);
        var path = $"api/jobs/{new string('b', 32)}/uploads";

        using var anonymous = await host.Http.PostAsync(path, null);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, path) { Headers = { { "x-functions-key", "guess" } } };
        using var wrongAnswer = await host.Http.SendAsync(wrong);
        using var keyed = new HttpRequestMessage(HttpMethod.Post, path) { Headers = { { "x-functions-key", "s3cret" } } };
        using var keyedAnswer = await host.Http.SendAsync(keyed);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(ApiErrorCodes.Unauthorized, (await host.Client.ReadAsync<ErrorResponse>(anonymous)).Error.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, keyedAnswer.StatusCode); // past the key check: the job is unknown
        Assert.Equal(ApiErrorCodes.UnknownJob, (await host.Client.ReadAsync<ErrorResponse>(keyedAnswer)).Error.Code);
    }
}
