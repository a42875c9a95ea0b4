using System.Security.Cryptography;
using System.Web;
using IcedServerless.Storage.Blobs;
using IcedServerless.Storage.Tests.Contract;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Blobs;

/// <summary>What actually goes over the wire for large uploads, observed on the way to real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlockUploadTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task NineMegabytes_GoAsThreeFourMegabyteBlocksThenOneBlockList()
    {
        var recorder = new RecordingHandler();
        using var store = new AzureBlobStore(
            fixture.Connection, new StorageClientOptions { BlockSize = 4 * 1024 * 1024, SingleUploadThreshold = 4 * 1024 * 1024, MaxConcurrency = 2 },
            new HttpClient(recorder));
        var container = Names.Unique("c");
        await store.CreateContainerIfNotExistsAsync(container);
        var content = new byte[9_000_000];
        new Random(10).NextBytes(content);

        await store.UploadAsync(container, "big.bin", new NonSeekableStream(content));
        var back = new MemoryStream();
        await store.DownloadToAsync(container, "big.bin", back);

        var blocks = recorder.Requests.Where(r => r.Comp == "block").ToList();
        Assert.Equal([4_194_304, 4_194_304, 611_392], blocks.OrderBy(b => b.BlockId).Select(b => b.Length));
        Assert.Single(blocks.Select(b => b.BlockId!.Length).Distinct());
        Assert.Single(recorder.Requests, r => r.Comp == "blocklist");
        Assert.DoesNotContain(recorder.Requests, r => r.IsPutBlob);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(back.ToArray()));
    }

    [Fact]
    public async Task SmallUpload_IsOnePutBlob()
    {
        var recorder = new RecordingHandler();
        using var store = new AzureBlobStore(fixture.Connection, httpClient: new HttpClient(recorder));
        var container = Names.Unique("c");
        await store.CreateContainerIfNotExistsAsync(container);

        await store.UploadAsync(container, "small.bin", new MemoryStream(new byte[1000]));

        Assert.Equal(1000, Assert.Single(recorder.Requests, r => r.IsPutBlob).Length);
        Assert.DoesNotContain(recorder.Requests, r => r.Comp is "block" or "blocklist");
    }

    private sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly List<Seen> _requests = [];

        public IReadOnlyList<Seen> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            lock (_requests)
            {
                _requests.Add(new Seen(request.Method, query["restype"], query["comp"], query["blockid"], request.Content?.Headers.ContentLength ?? 0));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed record Seen(HttpMethod Method, string? Restype, string? Comp, string? BlockId, long Length)
    {
        public bool IsPutBlob => Method == HttpMethod.Put && Restype is null && Comp is null;
    }
}
