using System.Security.Cryptography;
using IcedServerless.Storage.Blobs;
using IcedServerless.Storage.Tests.Contract;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Blobs;

/// <summary>The client side of SAS links, against real Azurite: what a hospital does with the links it is given.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SasBlobClientTests(AzuriteFixture fixture)
{
    private static readonly StorageClientOptions s_blocks = new() { BlockSize = 4 * 1024 * 1024, SingleUploadThreshold = 4 * 1024 * 1024 };

    [Fact]
    public async Task WriteLink_UploadsNineMegabytesInBlocks_ReadLinkDownloadsThemBack()
    {
        using var store = new AzureBlobStore(fixture.Connection);
        var container = Names.Unique("c");
        await store.CreateContainerIfNotExistsAsync(container);
        var content = new byte[9_000_000];
        new Random(12).NextBytes(content);
        var expiry = DateTimeOffset.UtcNow.AddMinutes(30);
        var write = await store.CreateSasUriAsync(container, "uploads/job 7.bin", BlobSasPermissions.Create | BlobSasPermissions.Write, expiry);
        var read = await store.CreateSasUriAsync(container, "uploads/job 7.bin", BlobSasPermissions.Read, expiry);

        using (var uploader = new SasBlobClient(write, s_blocks))
        {
            var result = await uploader.UploadAsync(new NonSeekableStream(content), new BlobUploadOptions { CreateOnly = true, ContentType = "application/x-seal" });
            Assert.Equal(9_000_000, result.Length);
            await Assert.ThrowsAsync<BlobAlreadyExistsException>(() => uploader.UploadAsync(content.AsMemory(0, 10), new BlobUploadOptions { CreateOnly = true }));
            var denied = await Assert.ThrowsAsync<StorageException>(() => uploader.DownloadToAsync(new MemoryStream()));
            Assert.Equal(403, denied.Status);
            Assert.DoesNotContain("sig=", denied.Message);
        }

        using var downloader = new SasBlobClient(read);
        var back = new MemoryStream();
        var properties = await downloader.DownloadToAsync(back, new BlobDownloadOptions { MaxLength = 9_000_000 });
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(back.ToArray()));
        Assert.Equal("application/x-seal", properties.ContentType);
        await Assert.ThrowsAsync<BlobTooLargeException>(() => downloader.DownloadToAsync(new MemoryStream(), new BlobDownloadOptions { MaxLength = 8_999_999 }));
        Assert.Equal(403, (await Assert.ThrowsAsync<StorageException>(() => downloader.UploadAsync(new byte[1]))).Status);

        // A refused block must surface as the refusal, not as the cancellation of its sibling blocks.
        using var blockWriter = new SasBlobClient(read, s_blocks);
        var refused = await Assert.ThrowsAsync<StorageException>(() => blockWriter.UploadAsync(new NonSeekableStream(content)));
        Assert.Equal(403, refused.Status);
        Assert.Contains("Put Block", refused.Message);
    }

    [Fact]
    public void LinksWithoutASignature_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new SasBlobClient(new Uri("https://acct.blob.core.windows.net/c/b")));
        Assert.Throws<ArgumentException>(() => new SasBlobClient(new Uri("ftp://acct/c/b?sig=x")));
    }
}
