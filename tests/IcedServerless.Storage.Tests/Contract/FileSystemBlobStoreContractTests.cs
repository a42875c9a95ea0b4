using IcedServerless.Storage.FileSystem;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Contract;

/// <summary>
/// The blob contract against the embedded store. SAS requests go through <see cref="LocalBlobSas.Validate"/> and
/// then the store, which is exactly what the local HTTP endpoint of the Functions app does with them.
/// </summary>
public sealed class FileSystemBlobStoreContractTests : BlobStoreContractTests, IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly FileSystemBlobStore _store;

    public FileSystemBlobStoreContractTests() => _store = new FileSystemBlobStore(_root.Path, new Uri("http://127.0.0.1:7071/api/blobs/"));

    protected override IBlobStore Store => _store;

    public void Dispose() => _root.Dispose();

    protected override async Task<int> PutViaSasAsync(Uri sasUri, byte[] content)
    {
        try
        {
            var grant = _store.Sas.Validate(sasUri, "PUT", createOnly: true);
            await _store.UploadAsync(grant.Container, grant.BlobName, content, new BlobUploadOptions { CreateOnly = true });
            return 201;
        }
        catch (StorageException e)
        {
            return e.Status;
        }
    }

    protected override async Task<(int Status, byte[] Body)> GetViaSasAsync(Uri sasUri)
    {
        try
        {
            var grant = _store.Sas.Validate(sasUri, "GET");
            var body = new MemoryStream();
            await _store.DownloadToAsync(grant.Container, grant.BlobName, body);
            return (200, body.ToArray());
        }
        catch (StorageException e)
        {
            return (e.Status, []);
        }
    }
}
