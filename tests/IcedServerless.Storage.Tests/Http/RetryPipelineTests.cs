using System.Net;
using System.Net.Http.Headers;
using IcedServerless.Http;
using IcedServerless.Storage.Blobs;
using IcedServerless.Storage.Queues;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Http;

/// <summary>Our retry policy and error mapping, on a scripted transport (the only place the transport is faked).</summary>
public sealed class RetryPipelineTests
{
    private static readonly StorageClientOptions s_fast = new()
    {
        MaxRetries = 3, RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(20),
    };

    [Fact]
    public async Task ServiceUnavailableThenCreated_IsRetriedWithTheSameBodyAndAFreshSignature()
    {
        var handler = new ScriptedHandler(
            _ => ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable, "ServerBusy"),
            _ => Created("\"0x1\""));
        using var store = Store(handler);

        var result = await store.UploadAsync("images", "a.bin", "payload"u8.ToArray());

        Assert.Equal("\"0x1\"", result.ETag);
        Assert.Equal(2, handler.Sent.Count);
        Assert.All(handler.Sent, r => Assert.Equal("payload"u8.ToArray(), r.Body));
        Assert.All(handler.Sent, r => Assert.StartsWith("SharedKey devstoreaccount1:", r.Headers["Authorization"]));
        Assert.All(handler.Sent, r => Assert.Equal("2025-11-05", r.Headers["x-ms-version"]));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task TransientStatuses_AreRetried(HttpStatusCode status)
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Status(status), _ => Created("\"0x2\""));
        using var store = Store(handler);

        await store.UploadAsync("images", "a.bin", "x"u8.ToArray());

        Assert.Equal(2, handler.Sent.Count);
    }

    [Fact]
    public async Task CreateOnlyConflict_IsNeverRetried()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Status(HttpStatusCode.Conflict, "BlobAlreadyExists"));
        using var store = Store(handler);

        var e = await Assert.ThrowsAsync<BlobAlreadyExistsException>(
            () => store.UploadAsync("images", "a.bin", "x"u8.ToArray(), new BlobUploadOptions { CreateOnly = true }));

        Assert.Single(handler.Sent);
        Assert.Equal("*", handler.Sent[0].Headers["If-None-Match"]);
        Assert.Contains("images/a.bin", e.Message);
    }

    [Fact]
    public async Task PersistentServerError_SurfacesAfterAllAttemptsWithStatusAndCode()
    {
        var handler = new ScriptedHandler(Enumerable.Repeat<Func<HttpRequestMessage, HttpResponseMessage>>(
            _ => ErrorXml(HttpStatusCode.InternalServerError, "InternalError", "Server encountered an internal error.\nRequestId:abc"), 4).ToArray());
        using var store = Store(handler);

        var e = await Assert.ThrowsAsync<StorageException>(() => store.GetPropertiesAsync("images", "a.bin"));

        Assert.Equal(4, handler.Sent.Count);
        Assert.Equal(500, e.Status);
        Assert.Equal("InternalError", e.ErrorCode);
        Assert.Equal("req-1", e.RequestId);
        Assert.EndsWith("Server encountered an internal error.", e.Message);
    }

    [Fact]
    public async Task NetworkFailures_BecomeANetworkFailureAfterAllAttempts()
    {
        var handler = new ScriptedHandler(Enumerable.Repeat<Func<HttpRequestMessage, HttpResponseMessage>>(
            _ => throw new HttpRequestException("Connection refused"), 4).ToArray());
        using var store = new AzureQueueStore(StorageConnection.ForAzurite(1, 2), s_fast, new HttpClient(handler));

        var e = await Assert.ThrowsAsync<StorageException>(() => store.CreateQueueIfNotExistsAsync("jobs"));

        Assert.Equal(4, handler.Sent.Count);
        Assert.Equal(0, e.Status);
        Assert.Equal(StorageErrorCodes.NetworkFailure, e.ErrorCode);
        Assert.Contains("'jobs'", e.Message);
        Assert.Contains("4 attempts", e.Message);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    [Fact]
    public async Task ClientErrors_AreNotRetriedAndMapToTypedExceptions()
    {
        var handler = new ScriptedHandler(
            _ => ErrorXml(HttpStatusCode.BadRequest, "PopReceiptMismatch", "The specified pop receipt did not match."),
            _ => ScriptedHandler.Status(HttpStatusCode.NotFound, "QueueNotFound"),
            _ => ErrorXml(HttpStatusCode.Forbidden, "AuthorizationFailure", "This request is not authorized."));
        using var store = new AzureQueueStore(StorageConnection.ForAzurite(1, 2), s_fast, new HttpClient(handler));

        await Assert.ThrowsAsync<PopReceiptMismatchException>(() => store.DeleteMessageAsync("jobs", "id", "receipt"));
        var missing = await Assert.ThrowsAsync<StorageNotFoundException>(() => store.GetApproximateMessageCountAsync("jobs"));
        var denied = await Assert.ThrowsAsync<StorageException>(() => store.GetApproximateMessageCountAsync("jobs"));

        Assert.Equal(3, handler.Sent.Count);
        Assert.Equal(StorageErrorCodes.QueueNotFound, missing.ErrorCode);
        Assert.Equal(403, denied.Status);
        Assert.Equal("AuthorizationFailure", denied.ErrorCode);
    }

    [Fact]
    public async Task SasTokenConnections_AppendTheTokenAndNeverPutItInMessages()
    {
        var handler = new ScriptedHandler(_ => ErrorXml(HttpStatusCode.Forbidden, "AuthenticationFailed", "Signature did not match."));
        var connection = StorageConnection.Parse("BlobEndpoint=https://acct.blob.core.windows.net;SharedAccessSignature=sv=2025-11-05&sig=SECRET");
        using var store = new AzureBlobStore(connection, s_fast, new HttpClient(handler));

        var e = await Assert.ThrowsAsync<StorageException>(() => store.ListBlobsAsync("images", pageSize: 5));

        Assert.Equal("https://acct.blob.core.windows.net/images?restype=container&comp=list&include=metadata&maxresults=5&sv=2025-11-05&sig=SECRET",
            handler.Sent[0].Uri.AbsoluteUri);
        Assert.False(handler.Sent[0].Headers.ContainsKey("Authorization"));
        Assert.DoesNotContain("SECRET", e.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.CreateSasUriAsync("images", "a", BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1)));
    }

    [Fact]
    public void RetryAfter_IsHonouredAndCapped()
    {
        var now = new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
        using var delta = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        delta.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        using var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(7));
        using var longWait = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        longWait.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10));
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(3), RetryDelay.FromResponse(delta, now, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.FromResponse(date, now, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryDelay.FromResponse(longWait, now, TimeSpan.FromSeconds(30)));
        Assert.Null(RetryDelay.FromResponse(none, now, TimeSpan.FromSeconds(30)));
        Assert.Null(RetryDelay.FromResponse(null, now, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Classifier_SeparatesTransientFromDecisions()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.True(RetryClassifier.IsTransient(new HttpRequestException("reset"), CancellationToken.None));
        Assert.True(RetryClassifier.IsTransient(new TaskCanceledException("HttpClient timeout"), CancellationToken.None));
        Assert.False(RetryClassifier.IsTransient(new TaskCanceledException("caller"), cancelled.Token));
        Assert.False(RetryClassifier.IsTransient(new InvalidOperationException(), CancellationToken.None));
        Assert.False(RetryClassifier.IsTransient(HttpStatusCode.Conflict));
        Assert.False(RetryClassifier.IsTransient(HttpStatusCode.PreconditionFailed));
        Assert.False(RetryClassifier.IsTransient(HttpStatusCode.NotImplemented));
    }

    [Fact]
    public async Task CallerCancellation_StopsWithoutRetrying()
    {
        using var cts = new CancellationTokenSource();
        var handler = new ScriptedHandler(_ =>
        {
            cts.Cancel();
            return ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable);
        });
        using var store = Store(handler);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ExistsAsync("images", "a.bin", cts.Token));
        Assert.Single(handler.Sent);
    }

    [Fact]
    public void InvalidOptions_AreRejectedWhenTheStoreIsBuilt()
    {
        var connection = StorageConnection.ForAzurite(1, 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => new AzureBlobStore(connection, new StorageClientOptions { MaxRetries = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AzureBlobStore(connection, new StorageClientOptions { BlockSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AzureQueueStore(connection, new StorageClientOptions { MaxConcurrency = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AzureQueueStore(connection, new StorageClientOptions { TryTimeout = TimeSpan.Zero }));
    }

    private static AzureBlobStore Store(ScriptedHandler handler) =>
        new(StorageConnection.ForAzurite(1, 2), s_fast, new HttpClient(handler));

    private static HttpResponseMessage Created(string etag)
    {
        var response = ScriptedHandler.Status(HttpStatusCode.Created);
        response.Headers.ETag = new EntityTagHeaderValue(etag);
        return response;
    }

    private static HttpResponseMessage ErrorXml(HttpStatusCode status, string code, string message)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent($"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>"),
        };
        response.Headers.TryAddWithoutValidation("x-ms-request-id", "req-1");
        return response;
    }
}
