namespace IcedServerless.Ckks.Serialization;

/// <summary>
/// Growable output for decompressors that refuses to hold more than a limit: it grows by doubling but never past
/// the limit, and once full it hands out a one-byte probe, so a decoder that still produces output proves the data
/// is larger than allowed. Memory use therefore stays within the limit whatever the compressed data claims.
/// </summary>
internal sealed class BoundedOutput
{
    private const int MinimumGrowth = 4096;

    private readonly long _limit;
    private readonly string _what;
    private readonly byte[] _probe = new byte[1];
    private byte[] _buffer;
    private int _length;
    private bool _probing;

    /// <param name="limit">Most bytes the output may hold.</param>
    /// <param name="initialCapacity">First allocation (clamped to the limit); a good guess saves regrowth.</param>
    /// <param name="what">Names the data in error messages.</param>
    public BoundedOutput(long limit, long initialCapacity, string what)
    {
        _limit = Math.Min(limit, Array.MaxLength);
        _what = what;
        _buffer = new byte[Math.Clamp(initialCapacity, 0, _limit)];
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>Space for the decoder's next output, at least one byte (the probe once the limit is reached).</summary>
    public Span<byte> GetFreeSpan()
    {
        if (_length == _buffer.Length)
        {
            if (_buffer.Length >= _limit)
            {
                _probing = true;
                return _probe;
            }

            long grown = Math.Min(_limit, Math.Max((long)_buffer.Length * 2, _buffer.Length + MinimumGrowth));
            Array.Resize(ref _buffer, (int)grown);
        }

        _probing = false;
        return _buffer.AsSpan(_length);
    }

    /// <summary>Records that the decoder wrote <paramref name="count"/> bytes into the last free span.</summary>
    /// <exception cref="SealFormatException">The output went past the limit.</exception>
    public void Advance(int count)
    {
        if (_probing)
        {
            if (count > 0)
            {
                throw new SealFormatException($"{_what}: decompressed data exceeds the limit of {_limit} bytes.");
            }

            return;
        }

        _length += count;
    }

    /// <summary>The written bytes as an exactly sized array.</summary>
    public byte[] ToArray() => _length == _buffer.Length ? _buffer : _buffer.AsSpan(0, _length).ToArray();

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);
}
