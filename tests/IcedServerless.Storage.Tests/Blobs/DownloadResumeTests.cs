using System.Net;
using System.Net.Http.Headers;
using IcedServerless.Storage.Blobs;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Blobs;

/// <summary>A body that breaks mid-download is resumed from the byte reached, pinned to the same ETag.</summary>
public sealed class DownloadResumeTests
{
    [Fact]
    public async Task BrokenBody_IsResumedWithARangedRequestPinnedToTheETag()
    {
        var content = new byte[10_000];
        new Random(11).NextBytes(content);
        var handler = new ScriptedHandler(
            _ => Body(HttpStatusCode.OK, new BreakingStream(content, breakAfter: 4000), content.Length, null),
            _ => Body(HttpStatusCode.PartialContent, new MemoryStream(content[4000..]), 6000, new ContentRangeHeaderValue(4000, 9999, 10_000)));
        using var store = new AzureBlobStore(StorageConnection.ForAzurite(1, 2), new StorageClientOptions { RetryDelay = TimeSpan.Zero }, new HttpClient(handler));
        var destination = new MemoryStream();

        var properties = await store.DownloadToAsync("images", "a.bin", destination);

        Assert.Equal(content, destination.ToArray());
        Assert.Equal(10_000, properties.Length);
        Assert.Equal("bytes=4000-9999", handler.Sent[1].Headers["x-ms-range"]);
        Assert.Equal("\"0xETAG\"", handler.Sent[1].Headers["If-Match"]);
    }

    [Fact]
    public async Task BrokenBody_WithRetriesExhausted_Throws()
    {
        var content = new byte[1000];
        var handler = new ScriptedHandler(
            _ => Body(HttpStatusCode.OK, new BreakingStream(content, breakAfter: 100), content.Length, null),
            _ => Body(HttpStatusCode.PartialContent, new BreakingStream(content[100..], breakAfter: 100), 900, new ContentRangeHeaderValue(100, 999, 1000)));
        using var store = new AzureBlobStore(StorageConnection.ForAzurite(1, 2), new StorageClientOptions { MaxRetries = 1, RetryDelay = TimeSpan.Zero }, new HttpClient(handler));

        await Assert.ThrowsAsync<IOException>(() => store.DownloadToAsync("images", "a.bin", new MemoryStream()));
        Assert.Equal(2, handler.Sent.Count);
    }

    private static HttpResponseMessage Body(HttpStatusCode status, Stream body, long length, ContentRangeHeaderValue? range)
    {
        var response = new HttpResponseMessage(status) { Content = new StreamContent(body) };
        response.Content.Headers.ContentLength = length;
        response.Content.Headers.ContentRange = range;
        response.Headers.ETag = new EntityTagHeaderValue("\"0xETAG\"");
        return response;
    }

    /// <summary>Serves some bytes, then fails the way a reset connection does.</summary>
    private sealed class BreakingStream(byte[] content, int breakAfter) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= breakAfter)
            {
                throw new IOException("Connection reset by peer.");
            }

            return base.Read(buffer, offset, (int)Math.Min(count, breakAfter - Position));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var array = new byte[buffer.Length];
            var n = Read(array, 0, array.Length);
            array.AsSpan(0, n).CopyTo(buffer.Span);
            return ValueTask.FromResult(n);
        }
    }
}
