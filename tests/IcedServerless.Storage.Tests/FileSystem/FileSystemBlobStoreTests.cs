using System.Collections.Concurrent;
using System.Text;
using IcedServerless.Storage.FileSystem;
using IcedServerless.Storage.Tests.Infrastructure;

namespace IcedServerless.Storage.Tests.FileSystem;

/// <summary>The embedded blob store beyond the shared contract: races, atomic replacement, crash leftovers.</summary>
public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task RacingCreateOnlyUploads_FromSeparateInstances_HaveExactlyOneWinner()
    {
        await new FileSystemBlobStore(_root.Path).CreateContainerIfNotExistsAsync("results");
        var outcomes = new ConcurrentBag<(int Writer, bool Won)>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            var store = new FileSystemBlobStore(_root.Path);
            try
            {
                await store.UploadAsync("results", "job-1/prediction.bin", Encoding.UTF8.GetBytes($"writer {writer}"), new BlobUploadOptions { CreateOnly = true });
                outcomes.Add((writer, true));
            }
            catch (BlobAlreadyExistsException)
            {
                outcomes.Add((writer, false));
            }
        })));

        var winner = Assert.Single(outcomes, o => o.Won).Writer;
        var content = new MemoryStream();
        await new FileSystemBlobStore(_root.Path).DownloadToAsync("results", "job-1/prediction.bin", content);
        Assert.Equal($"writer {winner}", Encoding.UTF8.GetString(content.ToArray()));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_root.Path, "blobs", "results")).Count(f => !Path.GetFileName(f).StartsWith('.')));
    }

    [Fact]
    public async Task ReadersDuringOverwrites_AlwaysSeeOneCompleteVersion()
    {
        var store = new FileSystemBlobStore(_root.Path);
        await store.CreateContainerIfNotExistsAsync("images");
        var versions = Enumerable.Range(0, 10).Select(v => Enumerable.Repeat((byte)v, 64 * 1024 + v).ToArray()).ToArray();
        await store.UploadAsync("images", "x.bin", versions[0]);
        using var stop = new CancellationTokenSource();

        var writer = Task.Run(async () =>
        {
            foreach (var version in versions.Skip(1))
            {
                await store.UploadAsync("images", "x.bin", version);
            }

            stop.Cancel();
        });
        var reads = 0;
        while (!stop.IsCancellationRequested || reads == 0)
        {
            var content = new MemoryStream();
            var properties = await new FileSystemBlobStore(_root.Path).DownloadToAsync("images", "x.bin", content);
            var bytes = content.ToArray();
            Assert.Equal(properties.Length, bytes.Length);
            Assert.Equal(64 * 1024 + bytes[0], bytes.Length);
            Assert.All(bytes, b => Assert.Equal(bytes[0], b));
            reads++;
        }

        await writer;
        Assert.Single(Directory.GetFiles(Path.Combine(_root.Path, "blobs", "images"), "*.data"));
    }

    [Fact]
    public async Task CrashLeftovers_AreInvisibleAndTemporariesAreSwept()
    {
        var store = new FileSystemBlobStore(_root.Path);
        await store.CreateContainerIfNotExistsAsync("images");
        await store.UploadAsync("images", "kept.bin", "kept"u8.ToArray());
        var directory = Path.Combine(_root.Path, "blobs", "images");

        // A crash after the data write but before the commit record leaves an orphan data file and a temp file.
        await File.WriteAllTextAsync(Path.Combine(directory, "lost.bin." + Guid.NewGuid().ToString("N") + ".data"), "half");
        var torn = Path.Combine(directory, ".tmp-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(torn, "{");
        File.SetLastWriteTimeUtc(torn, DateTime.UtcNow.AddHours(-2));

        Assert.Equal(["kept.bin"], (await store.ListBlobsAsync("images")).Items.Select(i => i.Name));
        Assert.False(await store.ExistsAsync("images", "lost.bin"));
        Assert.False(await store.CreateContainerIfNotExistsAsync("images"));
        Assert.False(File.Exists(torn));
    }

    [Fact]
    public async Task FailedUpload_LeavesNothingBehind()
    {
        var store = new FileSystemBlobStore(_root.Path);
        await store.CreateContainerIfNotExistsAsync("images");

        await Assert.ThrowsAsync<IOException>(() => store.UploadAsync("images", "broken.bin", new FailingStream()));

        Assert.False(await store.ExistsAsync("images", "broken.bin"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root.Path, "blobs", "images"), "*.data"));
    }

    [Fact]
    public async Task ContinuationTokensFromElsewhere_AreRejected()
    {
        var store = new FileSystemBlobStore(_root.Path);
        await store.CreateContainerIfNotExistsAsync("images");

        await Assert.ThrowsAsync<ArgumentException>(() => store.ListBlobsAsync("images", continuationToken: "not base64url!"));
    }

    private sealed class FailingStream : MemoryStream
    {
        private int _reads;

        public FailingStream()
            : base(new byte[1 << 20])
        {
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
            ++_reads > 2 ? throw new IOException("Client disconnected.") : base.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
