using System.Buffers;

namespace IcedServerless.Storage.Blobs;

/// <summary>One block of an upload; returns its pooled buffer, if it has one, when disposed.</summary>
internal sealed class UploadBlock(ReadOnlyMemory<byte> memory, byte[]? rented) : IDisposable
{
    private byte[]? _rented = rented;

    /// <summary>The block's bytes.</summary>
    public ReadOnlyMemory<byte> Memory { get; } = memory;

    /// <inheritdoc />
    public void Dispose()
    {
        var rentedBuffer = Interlocked.Exchange(ref _rented, null);
        if (rentedBuffer is not null)
        {
            ArrayPool<byte>.Shared.Return(rentedBuffer);
        }
    }
}
