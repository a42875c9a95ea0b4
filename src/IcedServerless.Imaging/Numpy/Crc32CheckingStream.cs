namespace IcedServerless.Imaging.Numpy;

/// <summary>
/// A read-only pass-through that computes the ZIP CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) of the bytes
/// read, because ZipArchive does not verify member checksums itself and a flipped bit in a stored member would
/// otherwise become a silently wrong pixel.
/// </summary>
internal sealed class Crc32CheckingStream(Stream inner) : Stream
{
    private uint _crc = Imaging.Crc32.Seed;

    /// <summary>The CRC-32 of everything read so far.</summary>
    public uint Crc32 => Imaging.Crc32.Finish(_crc);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        _crc = Imaging.Crc32.Update(_crc, buffer[..n]);
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
