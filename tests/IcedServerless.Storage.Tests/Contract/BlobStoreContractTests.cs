using System.Security.Cryptography;
using System.Text;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="IBlobStore"/> must have. Run once against real Azurite and once against the
/// embedded file-system store: one contract, two implementations.
/// </summary>
public abstract class BlobStoreContractTests
{
    /// <summary>The block size the Azure store is configured with, so 9 MB uploads go as three blocks.</summary>
    protected const int BlockSize = 4 * 1024 * 1024;

    protected abstract IBlobStore Store { get; }

    /// <summary>PUTs through a SAS link, as a browser or the hospital client would; returns the HTTP status.</summary>
    protected abstract Task<int> PutViaSasAsync(Uri sasUri, byte[] content);

    /// <summary>GETs through a SAS link; returns the HTTP status and, on success, the body.</summary>
    protected abstract Task<(int Status, byte[] Body)> GetViaSasAsync(Uri sasUri);

    [Fact]
    public async Task CreateContainer_TwiceReportsCreatedOnlyOnce()
    {
        var container = Names.Unique("c");
        Assert.True(await Store.CreateContainerIfNotExistsAsync(container));
        Assert.False(await Store.CreateContainerIfNotExistsAsync(container));
    }

    [Fact]
    public async Task Upload_ThenDownload_RoundTripsBytesContentTypeAndMetadata()
    {
        var container = await NewContainerAsync();
        var content = RandomBytes(3000, seed: 1);
        var metadata = new Dictionary<string, string> { ["clientid"] = "client1", ["Job_Id"] = "42" };
        var uploaded = await Store.UploadAsync(container, "client1/img-001.bin", content, new BlobUploadOptions
        {
            ContentType = "application/x-seal", Metadata = metadata,
        });

        var destination = new MemoryStream();
        var properties = await Store.DownloadToAsync(container, "client1/img-001.bin", destination);

        Assert.Equal(content, destination.ToArray());
        Assert.Equal(3000, uploaded.Length);
        Assert.Equal(3000, properties.Length);
        Assert.Equal("application/x-seal", properties.ContentType);
        Assert.Equal(uploaded.ETag, properties.ETag);
        Assert.Equal("client1", properties.Metadata["CLIENTID"]);
        Assert.Equal("42", properties.Metadata["job_id"]);
        var head = await Store.GetPropertiesAsync(container, "client1/img-001.bin");
        Assert.Equal(properties.ETag, head.ETag);
        Assert.Equal(3000, head.Length);
    }

    [Fact]
    public async Task Upload_CreateOnlyOnExistingBlob_ThrowsBlobAlreadyExistsAndKeepsTheOriginal()
    {
        var container = await NewContainerAsync();
        var createOnly = new BlobUploadOptions { CreateOnly = true };
        await Store.UploadAsync(container, "result.bin", "first"u8.ToArray(), createOnly);

        var e = await Assert.ThrowsAsync<BlobAlreadyExistsException>(
            () => Store.UploadAsync(container, "result.bin", "second"u8.ToArray(), createOnly));

        Assert.Equal(409, e.Status);
        Assert.Equal(StorageErrorCodes.BlobAlreadyExists, e.ErrorCode);
        Assert.Contains("result.bin", e.Message);
        Assert.Equal("first", await DownloadTextAsync(container, "result.bin"));
    }

    [Fact]
    public async Task Upload_WithoutCreateOnly_OverwritesAndChangesTheETag()
    {
        var container = await NewContainerAsync();
        var first = await Store.UploadAsync(container, "a.txt", "one"u8.ToArray());
        var second = await Store.UploadAsync(container, "a.txt", "two!"u8.ToArray());

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("two!", await DownloadTextAsync(container, "a.txt"));
        Assert.Equal(4, (await Store.GetPropertiesAsync(container, "a.txt")).Length);
    }

    [Fact]
    public async Task Download_WithRange_ReturnsOnlyThoseBytesAndTheFullLength()
    {
        var container = await NewContainerAsync();
        var content = RandomBytes(3000, seed: 2);
        await Store.UploadAsync(container, "r.bin", content);

        var middle = new MemoryStream();
        var properties = await Store.DownloadToAsync(container, "r.bin", middle, new BlobDownloadOptions { Range = new BlobRange(100, 100) });
        var tail = new MemoryStream();
        await Store.DownloadToAsync(container, "r.bin", tail, new BlobDownloadOptions { Range = new BlobRange(2990) });
        var clipped = new MemoryStream();
        await Store.DownloadToAsync(container, "r.bin", clipped, new BlobDownloadOptions { Range = new BlobRange(2900, 500) });

        Assert.Equal(content[100..200], middle.ToArray());
        Assert.Equal(3000, properties.Length);
        Assert.Equal(content[2990..], tail.ToArray());
        Assert.Equal(content[2900..], clipped.ToArray());
    }

    [Fact]
    public async Task Download_RangePastTheEnd_ThrowsInvalidRange()
    {
        var container = await NewContainerAsync();
        await Store.UploadAsync(container, "short.bin", new byte[10]);

        // Offset 20, not 10: Azurite (unlike Azure and the embedded store) accepts a range starting exactly at the end.
        var e = await Assert.ThrowsAsync<StorageException>(
            () => Store.DownloadToAsync(container, "short.bin", Stream.Null, new BlobDownloadOptions { Range = new BlobRange(20) }));

        Assert.Equal(416, e.Status);
        Assert.Equal(StorageErrorCodes.InvalidRange, e.ErrorCode);
    }

    [Fact]
    public async Task Download_LargerThanMaxLength_ThrowsBeforeWritingAnything()
    {
        var container = await NewContainerAsync();
        await Store.UploadAsync(container, "big.bin", RandomBytes(5000, seed: 3));
        var destination = new MemoryStream();

        var e = await Assert.ThrowsAsync<BlobTooLargeException>(
            () => Store.DownloadToAsync(container, "big.bin", destination, new BlobDownloadOptions { MaxLength = 4999 }));

        Assert.Equal(5000, e.Length);
        Assert.Equal(4999, e.MaxLength);
        Assert.Equal(0, destination.Length);

        // A range inside the limit is fine: the guard is on the bytes transferred.
        await Store.DownloadToAsync(container, "big.bin", destination, new BlobDownloadOptions { MaxLength = 4999, Range = new BlobRange(0, 4999) });
        Assert.Equal(4999, destination.Length);
    }

    [Fact]
    public async Task Upload_NineMegabytesFromANonSeekableStream_RoundTrips()
    {
        var container = await NewContainerAsync();
        var content = RandomBytes(9_000_000, seed: 4);
        var result = await Store.UploadAsync(container, "large/blocks.bin", new NonSeekableStream(content), new BlobUploadOptions
        {
            CreateOnly = true, ContentType = "application/octet-stream", Metadata = new Dictionary<string, string> { ["kind"] = "large" },
        });

        var destination = new MemoryStream();
        var properties = await Store.DownloadToAsync(container, "large/blocks.bin", destination);

        Assert.Equal(9_000_000, result.Length);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(destination.ToArray()));
        Assert.Equal("large", properties.Metadata["kind"]);
        await Assert.ThrowsAsync<BlobAlreadyExistsException>(
            () => Store.UploadAsync(container, "large/blocks.bin", content, new BlobUploadOptions { CreateOnly = true }));
    }

    [Fact]
    public async Task Upload_NineMegabytesFromMemory_RoundTrips()
    {
        var container = await NewContainerAsync();
        var content = RandomBytes(9_000_000, seed: 5);
        await Store.UploadAsync(container, "large/memory.bin", content);

        var destination = new MemoryStream();
        await Store.DownloadToAsync(container, "large/memory.bin", destination);

        Assert.Equal(SHA256.HashData(content), SHA256.HashData(destination.ToArray()));
    }

    [Fact]
    public async Task Upload_EmptyBlob_RoundTrips()
    {
        var container = await NewContainerAsync();
        await Store.UploadAsync(container, "empty", new MemoryStream());

        var destination = new MemoryStream();
        var properties = await Store.DownloadToAsync(container, "empty", destination);

        Assert.Equal(0, properties.Length);
        Assert.Equal(0, destination.Length);
    }

    [Fact]
    public async Task SetMetadata_ReplacesAllMetadataAndChangesTheETag()
    {
        var container = await NewContainerAsync();
        var uploaded = await Store.UploadAsync(container, "m.bin", "x"u8.ToArray(), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { ["old"] = "1" },
        });

        var etag = await Store.SetMetadataAsync(container, "m.bin", new Dictionary<string, string> { ["status"] = "done" });
        var properties = await Store.GetPropertiesAsync(container, "m.bin");

        Assert.NotEqual(uploaded.ETag, etag);
        Assert.Equal(etag, properties.ETag);
        Assert.Equal("done", properties.Metadata["status"]);
        Assert.False(properties.Metadata.ContainsKey("old"));
        await Assert.ThrowsAsync<StorageNotFoundException>(
            () => Store.SetMetadataAsync(container, "missing.bin", new Dictionary<string, string>()));
    }

    [Fact]
    public async Task ExistsAndDelete_ReportPresenceAndAreIdempotent()
    {
        var container = await NewContainerAsync();
        await Store.UploadAsync(container, "d.bin", "x"u8.ToArray());

        Assert.True(await Store.ExistsAsync(container, "d.bin"));
        Assert.True(await Store.DeleteIfExistsAsync(container, "d.bin"));
        Assert.False(await Store.DeleteIfExistsAsync(container, "d.bin"));
        Assert.False(await Store.ExistsAsync(container, "d.bin"));
        Assert.False(await Store.ExistsAsync(Names.Unique("gone"), "d.bin"));
        Assert.False(await Store.DeleteIfExistsAsync(Names.Unique("gone"), "d.bin"));
        var e = await Assert.ThrowsAsync<StorageNotFoundException>(() => Store.GetPropertiesAsync(container, "d.bin"));
        Assert.Equal(StorageErrorCodes.BlobNotFound, e.ErrorCode);
    }

    [Fact]
    public async Task Download_FromMissingBlobOrContainer_ThrowsNotFoundWithTheRightCode()
    {
        var container = await NewContainerAsync();

        var blob = await Assert.ThrowsAsync<StorageNotFoundException>(() => Store.DownloadToAsync(container, "nope", Stream.Null));
        var missing = await Assert.ThrowsAsync<StorageNotFoundException>(
            () => Store.DownloadToAsync(Names.Unique("gone"), "nope", Stream.Null));

        Assert.Equal(StorageErrorCodes.BlobNotFound, blob.ErrorCode);
        Assert.Equal(StorageErrorCodes.ContainerNotFound, missing.ErrorCode);
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Store.UploadAsync(Names.Unique("gone"), "x", "x"u8.ToArray()));
    }

    [Fact]
    public async Task List_WithSmallPages_FollowsContinuationThroughEveryMatchInNameOrder()
    {
        var container = await NewContainerAsync();
        string[] wanted = ["p/a", "p/b", "p/c/d", "p/e", "p/z"];
        foreach (var name in wanted.Reverse().Concat(["other", "q/a"]))
        {
            await Store.UploadAsync(container, name, Encoding.UTF8.GetBytes(name), new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string> { ["n"] = name.Length.ToString() },
            });
        }

        var names = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Store.ListBlobsAsync(container, "p/", token, pageSize: 2);
            Assert.InRange(page.Items.Count, 1, 2);
            names.AddRange(page.Items.Select(i => i.Name));
            Assert.All(page.Items, i => Assert.Equal(i.Name.Length.ToString(), i.Metadata["n"]));
            Assert.All(page.Items, i => Assert.Equal(i.Name.Length, i.Length));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(wanted, names);
        Assert.Equal(3, pages);
        Assert.Equal(7, (await Store.ListBlobsAsync(container)).Items.Count);
    }

    [Fact]
    public async Task Extensions_ListAllFollowsPagesAndDownloadBytesGuardsTheSize()
    {
        var container = await NewContainerAsync();
        for (var i = 0; i < 3; i++)
        {
            await Store.UploadAsync(container, $"x/{i}", new byte[100 * (i + 1)]);
        }

        var all = new List<string>();
        await foreach (var blob in Store.ListAllBlobsAsync(container, "x/"))
        {
            all.Add(blob.Name);
        }

        Assert.Equal(["x/0", "x/1", "x/2"], all);
        Assert.Equal(300, (await Store.DownloadBytesAsync(container, "x/2", maxLength: 300)).Length);
        await Assert.ThrowsAsync<BlobTooLargeException>(() => Store.DownloadBytesAsync(container, "x/2", maxLength: 299));
    }

    [Fact]
    public async Task BlobNames_WithSpacesAndUnicode_RoundTripAndList()
    {
        var container = await NewContainerAsync();
        const string name = "client 1/résumé ü+%.bin";
        await Store.UploadAsync(container, name, "unicode"u8.ToArray());

        Assert.Equal("unicode", await DownloadTextAsync(container, name));
        Assert.Equal([name], (await Store.ListBlobsAsync(container)).Items.Select(i => i.Name));
    }

    [Fact]
    public async Task InvalidNamesAndMetadata_AreRejectedBeforeAnyIo()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateContainerIfNotExistsAsync("Bad_Name"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateContainerIfNotExistsAsync("ab"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UploadAsync("valid-name", "a/../b", "x"u8.ToArray()));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UploadAsync("valid-name", "", "x"u8.ToArray()));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UploadAsync("valid-name", "x", "x"u8.ToArray(), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { ["1bad"] = "v" },
        }));
        await Assert.ThrowsAsync<ArgumentException>(
            () => Store.CreateSasUriAsync("valid-name", "x", BlobSasPermissions.Read | BlobSasPermissions.Write, DateTimeOffset.UtcNow.AddHours(1)));
        await Assert.ThrowsAsync<ArgumentException>(
            () => Store.UploadAsync("valid-name", "x", "x"u8.ToArray(), new BlobUploadOptions { ContentType = "not a type" }));
    }

    [Fact]
    public async Task Sas_WriteOnlyLinkCreatesTheBlobButCannotReadIt()
    {
        var container = await NewContainerAsync();
        var content = RandomBytes(2048, seed: 6);
        var upload = await Store.CreateSasUriAsync(container, "uploads/img.bin", BlobSasPermissions.Create | BlobSasPermissions.Write, DateTimeOffset.UtcNow.AddMinutes(10));

        Assert.InRange(await PutViaSasAsync(upload, content), 200, 299);
        Assert.Equal(403, (await GetViaSasAsync(upload)).Status);
        Assert.Equal(content, await DownloadBytesAsync(container, "uploads/img.bin"));
    }

    [Fact]
    public async Task Sas_ReadOnlyLinkReadsTheBlobButCannotWriteIt()
    {
        var container = await NewContainerAsync();
        var content = RandomBytes(1500, seed: 7);
        await Store.UploadAsync(container, "predictions/p.bin", content);
        var read = await Store.CreateSasUriAsync(container, "predictions/p.bin", BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(10));

        var (status, body) = await GetViaSasAsync(read);

        Assert.Equal(200, status);
        Assert.Equal(content, body);
        Assert.Equal(403, await PutViaSasAsync(read, [1, 2, 3]));
        Assert.Equal(403, await PutViaSasAsync(new Uri(read.AbsoluteUri.Replace("/p.bin?", "/other.bin?", StringComparison.Ordinal)), [1, 2, 3]));
    }

    [Fact]
    public async Task Sas_ExpiredOrTamperedLink_IsRefused()
    {
        var container = await NewContainerAsync();
        await Store.UploadAsync(container, "x.bin", "secret"u8.ToArray());
        var expired = await Store.CreateSasUriAsync(container, "x.bin", BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(-5));
        var valid = await Store.CreateSasUriAsync(container, "x.bin", BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(10));
        var widened = new Uri(valid.AbsoluteUri.Replace("sp=r", "sp=rw", StringComparison.Ordinal));

        Assert.Equal(403, (await GetViaSasAsync(expired)).Status);
        Assert.Equal(403, await PutViaSasAsync(widened, [1]));
        Assert.Equal(200, (await GetViaSasAsync(valid)).Status);
    }

    protected static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected async Task<string> NewContainerAsync()
    {
        var container = Names.Unique("c");
        await Store.CreateContainerIfNotExistsAsync(container);
        return container;
    }

    private async Task<byte[]> DownloadBytesAsync(string container, string blobName)
    {
        var destination = new MemoryStream();
        await Store.DownloadToAsync(container, blobName, destination);
        return destination.ToArray();
    }

    private async Task<string> DownloadTextAsync(string container, string blobName) =>
        Encoding.UTF8.GetString(await DownloadBytesAsync(container, blobName));
}
