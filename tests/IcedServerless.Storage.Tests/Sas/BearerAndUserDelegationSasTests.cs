using System.Net.Http.Headers;
using IcedServerless.Storage.Blobs;
using IcedServerless.Storage.Queues;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Sas;

/// <summary>
/// The production auth path (shared keys off): bearer tokens for every request, and upload/download links as
/// user-delegation SAS whose key is fetched with the bearer token. Azurite validates both for real; only the
/// token source is a stand-in (it mints JWTs that Azurite's basic OAuth check accepts).
/// </summary>
public sealed class BearerAndUserDelegationSasTests(OAuthAzuriteFixture fixture) : IClassFixture<OAuthAzuriteFixture>, IDisposable
{
    private readonly HttpClient _http = fixture.CreateHttpClient();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task BearerToken_AuthorizesBlobAndQueueOperations_AndIsFetchedOncePerStore()
    {
        var credential = ValidCredential();
        var connection = StorageConnection.FromTokenCredential(fixture.BlobEndpoint, fixture.QueueEndpoint, credential);
        using var blobs = new AzureBlobStore(connection, httpClient: _http);
        using var queues = new AzureQueueStore(connection, httpClient: _http);
        var container = Names.Unique("c");
        var queue = Names.Unique("q");

        await blobs.CreateContainerIfNotExistsAsync(container);
        await blobs.UploadAsync(container, "a.bin", "bearer"u8.ToArray(), new BlobUploadOptions { CreateOnly = true });
        var body = new MemoryStream();
        await blobs.DownloadToAsync(container, "a.bin", body);
        await queues.CreateQueueIfNotExistsAsync(queue);
        await queues.SendMessageAsync(queue, "job"u8.ToArray());
        var message = Assert.Single(await queues.ReceiveMessagesAsync(queue, 1, TimeSpan.FromMinutes(1)));

        Assert.Equal("bearer"u8.ToArray(), body.ToArray());
        Assert.Equal("job", message.GetBodyAsString());
        Assert.Equal(2, credential.Requests); // one per store, then cached
        Assert.Equal(["https://storage.azure.com/.default"], credential.LastScopes!);
    }

    [Fact]
    public async Task UserDelegationSas_WriteLinkUploadsAndReadLinkDownloads_EachOnlyForItsRight()
    {
        var connection = StorageConnection.FromTokenCredential(fixture.BlobEndpoint, null, ValidCredential());
        using var blobs = new AzureBlobStore(connection, httpClient: _http);
        var container = Names.Unique("c");
        await blobs.CreateContainerIfNotExistsAsync(container);
        var content = new byte[4096];
        new Random(9).NextBytes(content);

        var upload = await blobs.CreateSasUriAsync(container, "uploads/x ray.bin", BlobSasPermissions.Create | BlobSasPermissions.Write, DateTimeOffset.UtcNow.AddMinutes(30));
        var download = await blobs.CreateSasUriAsync(container, "uploads/x ray.bin", BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(30));

        Assert.Contains("skoid=", upload.Query);
        Assert.Contains("sv=2024-11-04", upload.Query);
        Assert.Equal(201, await PutAsync(upload, content));
        Assert.Equal(403, (await GetAsync(upload)).Status);
        var (status, body) = await GetAsync(download);
        Assert.Equal(200, status);
        Assert.Equal(content, body);
        Assert.Equal(403, await PutAsync(download, content));
    }

    [Fact]
    public async Task UserDelegationSas_TamperedOrExpired_IsRefused()
    {
        var connection = StorageConnection.FromTokenCredential(fixture.BlobEndpoint, null, ValidCredential());
        using var blobs = new AzureBlobStore(connection, httpClient: _http);
        var container = Names.Unique("c");
        await blobs.CreateContainerIfNotExistsAsync(container);
        await blobs.UploadAsync(container, "p.bin", "prediction"u8.ToArray());

        var read = await blobs.CreateSasUriAsync(container, "p.bin", BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(30));
        var expired = await blobs.CreateSasUriAsync(container, "p.bin", BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(-1));
        var otherBlob = new Uri(read.AbsoluteUri.Replace("/p.bin?", "/q.bin?", StringComparison.Ordinal));

        Assert.Equal(200, (await GetAsync(read)).Status);
        Assert.Equal(403, (await GetAsync(expired)).Status);
        Assert.Equal(403, (await GetAsync(otherBlob)).Status);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => blobs.CreateSasUriAsync(container, "p.bin", BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddDays(8)));
    }

    [Fact]
    public async Task ExpiredToken_IsRejectedWithA403StorageException()
    {
        var now = DateTimeOffset.UtcNow;
        var stale = new StaticTokenCredential(StaticTokenCredential.Jwt("oid", Tenant, now.AddHours(-2), now.AddHours(-1)), now.AddHours(1));
        using var blobs = new AzureBlobStore(StorageConnection.FromTokenCredential(fixture.BlobEndpoint, null, stale), httpClient: _http);

        var e = await Assert.ThrowsAsync<StorageException>(() => blobs.CreateContainerIfNotExistsAsync(Names.Unique("c")));

        Assert.Equal(403, e.Status);
    }

    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private static StaticTokenCredential ValidCredential()
    {
        var now = DateTimeOffset.UtcNow;
        return new StaticTokenCredential(
            StaticTokenCredential.Jwt("6f1d8e3a-0000-4000-8000-00000000beef", Tenant, now.AddMinutes(-5), now.AddHours(1)), now.AddHours(1));
    }

    private async Task<int> PutAsync(Uri sas, byte[] content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, sas) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
        request.Headers.TryAddWithoutValidation("x-ms-version", "2025-11-05");
        using var response = await _http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private async Task<(int Status, byte[] Body)> GetAsync(Uri sas)
    {
        using var response = await _http.GetAsync(sas);
        return ((int)response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync() : []);
    }
}
