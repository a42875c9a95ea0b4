using System.Net.Http.Headers;
using IcedServerless.Storage.Blobs;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Contract;

/// <summary>The blob contract against real Azurite, over SharedKey and account-key SAS.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobStoreContractTests : BlobStoreContractTests, IDisposable
{
    private readonly AzureBlobStore _store;
    private readonly HttpClient _sasClient = new();

    public AzureBlobStoreContractTests(AzuriteFixture fixture)
    {
        _store = new AzureBlobStore(fixture.Connection, new StorageClientOptions
        {
            BlockSize = BlockSize, SingleUploadThreshold = BlockSize, MaxConcurrency = 2,
        });
    }

    protected override IBlobStore Store => _store;

    public void Dispose()
    {
        _store.Dispose();
        _sasClient.Dispose();
    }

    protected override async Task<int> PutViaSasAsync(Uri sasUri, byte[] content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, sasUri) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
        request.Headers.TryAddWithoutValidation("x-ms-version", "2025-11-05");
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        using var response = await _sasClient.SendAsync(request);
        return (int)response.StatusCode;
    }

    protected override async Task<(int Status, byte[] Body)> GetViaSasAsync(Uri sasUri)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, sasUri);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2025-11-05");
        using var response = await _sasClient.SendAsync(request);
        return ((int)response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync() : []);
    }
}
