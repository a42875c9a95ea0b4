using System.Runtime.InteropServices;
using IcedServerless.Ckks.Serialization;
using IcedServerless.Ckks.Tests.Infrastructure;

namespace IcedServerless.Ckks.Tests.Serialization;

public class SealEnvelopeTests
{
    private const long Unlimited = int.MaxValue;

    private static byte[] Vector(string name) => File.ReadAllBytes(RepoPaths.SealVectors(name));

    // A valid header declaring declaredSize bytes, followed by only 100 bytes of body.
    private static byte[] HeaderAndHundredBytes(ulong declaredSize)
    {
        byte[] data = new byte[SealHeader.ByteCount + 100];
        SealHeader.ForWrite(ComprModeType.None, declaredSize).Write(data);
        return data;
    }

    [Fact]
    public void OpenUncompressed_ReturnsASliceOfTheInput()
    {
        byte[] file = Vector("n8192/ct_pk_v1.none.bin");
        ReadOnlyMemory<byte> members = SealEnvelope.Open(file, Unlimited, out SealHeader header);

        Assert.Equal(new SealHeader(4, 1, ComprModeType.None, (ulong)file.Length), header);
        Assert.True(MemoryMarshal.TryGetArray(members, out ArraySegment<byte> segment));
        Assert.Same(file, segment.Array);
        Assert.Equal(SealHeader.ByteCount, segment.Offset);
        Assert.Equal(file.Length - SealHeader.ByteCount, segment.Count);
    }

    [Theory]
    [InlineData("n8192/ct_pk_v1.zlib.bin", ComprModeType.ZLib)]
    [InlineData("n8192/ct_pk_v1.zstd.bin", ComprModeType.Zstd)]
    public void OpenCompressed_GivesTheSameMembers(string name, ComprModeType mode)
    {
        if (mode == ComprModeType.Zstd && !SealCompression.IsZstdAvailable)
        {
            Assert.Throws<SealFormatException>(() => SealEnvelope.Open(Vector(name), Unlimited, out _));
            return;
        }

        byte[] expected = Vector("n8192/ct_pk_v1.none.bin")[SealHeader.ByteCount..];
        ReadOnlyMemory<byte> members = SealEnvelope.Open(Vector(name), Unlimited, out SealHeader header);
        Assert.Equal(mode, header.ComprMode);
        Assert.True(members.Span.SequenceEqual(expected));
    }

    [Fact]
    public void Open_RejectsTruncationTrailingBytesAndOversizedMembers()
    {
        byte[] file = Vector("n8192/parms.none.bin");
        Assert.Contains("truncated", Assert.Throws<SealFormatException>(() => SealEnvelope.Open(file.AsMemory(0, file.Length - 1), Unlimited, out _)).Message);

        byte[] longer = [.. file, 0];
        Assert.Contains("1 unexpected bytes", Assert.Throws<SealFormatException>(() => SealEnvelope.Open(longer, Unlimited, out _)).Message);
        Assert.Equal(file.Length - SealHeader.ByteCount, SealEnvelope.Open(longer, Unlimited, allowTrailing: true, out _).Length);

        Assert.Contains("limit of 100", Assert.Throws<SealFormatException>(() => SealEnvelope.Open(file, 100, out _)).Message);
    }

    [Theory]
    [InlineData(ComprModeType.None)]
    [InlineData(ComprModeType.ZLib)]
    [InlineData(ComprModeType.Zstd)]
    public void Seal_ThenOpen_RoundTrips(ComprModeType mode)
    {
        if (mode == ComprModeType.Zstd && !SealCompression.IsZstdAvailable)
        {
            return; // SealCompressionTests.RoundTrip checks the refusal
        }

        byte[] members = Vector("n8192/plain_v1.none.bin")[SealHeader.ByteCount..];
        byte[] sealedObject = SealEnvelope.Seal(members, mode);

        SealHeader header = SealHeader.Read(sealedObject);
        Assert.Equal(SealHeader.ForWrite(mode, (ulong)sealedObject.Length), header);
        Assert.True(SealEnvelope.Open(sealedObject, Unlimited, out _).Span.SequenceEqual(members));
    }

    [Fact]
    public void SealNone_ReproducesSealsBytes()
    {
        byte[] file = Vector("n8192/plain_v1.none.bin");
        Assert.Equal(file, SealEnvelope.Seal(file.AsSpan(SealHeader.ByteCount), ComprModeType.None));
    }

    [Fact]
    public async Task ReadAsync_ReadsConsecutiveObjects_AndStopsAtEachEnd()
    {
        byte[] a = Vector("n8192/parms.none.bin");
        byte[] b = Vector("n8192/ct_pk_v1.zlib.bin");
        var stream = new NonSeekableStream([.. a, .. b], maxChunk: 1000);

        ReadOnlyMemory<byte> first = await SealEnvelope.ReadAsync(stream, 1 << 20, Unlimited);
        ReadOnlyMemory<byte> second = await SealEnvelope.ReadAsync(stream, 1 << 20, Unlimited);

        Assert.True(first.Span.SequenceEqual(a.AsSpan(SealHeader.ByteCount)));
        Assert.True(second.Span.SequenceEqual(Vector("n8192/ct_pk_v1.none.bin").AsSpan(SealHeader.ByteCount)));
        await Assert.ThrowsAsync<SealFormatException>(async () => await SealEnvelope.ReadAsync(stream, 1 << 20, Unlimited));
    }

    [Fact]
    public async Task ReadAsync_RejectsAHugeDeclaredSize_BeforeAllocating()
    {
        var stream = new NonSeekableStream(HeaderAndHundredBytes(1UL << 40));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = await Assert.ThrowsAsync<SealFormatException>(async () => await SealEnvelope.ReadAsync(stream, 1 << 20, Unlimited));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.Contains("declares 1099511627776 bytes", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_WithALyingSizeUnderTheLimit_AllocatesOnlyWhatArrives()
    {
        // Declares 512 MiB (allowed by a 1 GiB limit) but sends 100 bytes: memory must follow the bytes, not the claim.
        byte[] lying = HeaderAndHundredBytes(512UL << 20);
        var stream = new NonSeekableStream(lying);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = await Assert.ThrowsAsync<SealFormatException>(async () => await SealEnvelope.ReadAsync(stream, 1L << 30, Unlimited));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20);
        Assert.Contains("ended after 116", ex.Message);

        // A seekable stream is checked against its length without reading.
        var seekable = new MemoryStream(lying);
        Assert.Contains("holds only 116", (await Assert.ThrowsAsync<SealFormatException>(async () => await SealEnvelope.ReadAsync(seekable, 1L << 30, Unlimited))).Message);
    }

    [Fact]
    public async Task ReadAsync_TruncatedHeaderOrBody_AndCancellation()
    {
        byte[] file = Vector("n8192/parms.none.bin");
        await Assert.ThrowsAsync<SealFormatException>(async () => await SealEnvelope.ReadAsync(new NonSeekableStream(file[..10]), 1 << 20, Unlimited));
        await Assert.ThrowsAsync<SealFormatException>(async () => await SealEnvelope.ReadAsync(new NonSeekableStream(file[..^1]), 1 << 20, Unlimited));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await SealEnvelope.ReadAsync(new NonSeekableStream(file), 1 << 20, Unlimited, cancelled.Token));
    }
}
