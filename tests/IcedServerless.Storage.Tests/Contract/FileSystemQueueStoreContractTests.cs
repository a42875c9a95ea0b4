using IcedServerless.Storage.FileSystem;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.Contract;

/// <summary>The queue contract against the embedded file-system store.</summary>
public sealed class FileSystemQueueStoreContractTests : QueueStoreContractTests, IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly FileSystemQueueStore _store;

    public FileSystemQueueStoreContractTests() => _store = new FileSystemQueueStore(_root.Path);

    protected override IQueueStore Store => _store;

    public void Dispose() => _root.Dispose();
}
