using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace IcedServerless.Ckks.Hashing;

/// <summary>
/// Incremental BLAKE2b (RFC 7693) initialised from an arbitrary parameter block. A plain value type with inline
/// buffers, so hashing allocates nothing. Use once: <see cref="Init(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>,
/// any number of <see cref="Update"/> calls, then <see cref="Finish"/>.
/// </summary>
internal struct Blake2bState
{
    public const int BlockBytes = 128;
    public const int MaxDigestBytes = 64;
    public const int MaxKeyBytes = 64;

    private Blake2bCore.ChainValue _h;
    private Blake2bCore.MessageBlock _buffer;
    private ulong _t0;
    private ulong _t1;
    private int _bufferLength;
    private int _digestLength;

    /// <summary>Starts a hash described by <paramref name="parameters"/>, absorbing <paramref name="key"/> if any.</summary>
    public void Init(in Blake2bParameters parameters, ReadOnlySpan<byte> key)
    {
        Span<byte> block = stackalloc byte[Blake2bParameters.BlockBytes];
        parameters.WriteTo(block);
        Init(block, key);
    }

    /// <summary>
    /// Starts a hash from a raw 64-byte parameter block (byte 0 = digest length, byte 1 = key length). When the key
    /// length is non-zero, <paramref name="key"/> must have exactly that many bytes; it is absorbed as one zero-padded block.
    /// </summary>
    public void Init(ReadOnlySpan<byte> parameterBlock, ReadOnlySpan<byte> key)
    {
        if (parameterBlock.Length != Blake2bParameters.BlockBytes)
        {
            throw new ArgumentException($"A BLAKE2b parameter block has {Blake2bParameters.BlockBytes} bytes, not {parameterBlock.Length}.", nameof(parameterBlock));
        }

        int digestLength = parameterBlock[0];
        if (digestLength is < 1 or > MaxDigestBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(parameterBlock), digestLength, "BLAKE2b digest length must be 1..64.");
        }

        if (key.Length != parameterBlock[1])
        {
            throw new ArgumentException($"The parameter block declares a {parameterBlock[1]}-byte key but {key.Length} bytes were given.", nameof(key));
        }

        if (key.Length > MaxKeyBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(key), key.Length, "BLAKE2b keys are at most 64 bytes.");
        }

        for (int i = 0; i < 8; i++)
        {
            _h[i] = Blake2bCore.IV(i) ^ BinaryPrimitives.ReadUInt64LittleEndian(parameterBlock[(8 * i)..]);
        }

        _t0 = 0;
        _t1 = 0;
        _bufferLength = 0;
        _digestLength = digestLength;
        if (!key.IsEmpty)
        {
            Span<byte> buffer = _buffer;
            buffer.Clear();
            key.CopyTo(buffer);
            _bufferLength = BlockBytes;
        }
    }

    /// <summary>Absorbs more message bytes.</summary>
    public void Update(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        Span<byte> buffer = _buffer;

        // The last block must stay buffered until Finish, which compresses it with the final flag.
        int free = BlockBytes - _bufferLength;
        if (data.Length > free)
        {
            data[..free].CopyTo(buffer[_bufferLength..]);
            data = data[free..];
            Compress(buffer, BlockBytes, 0);
            _bufferLength = 0;
            while (data.Length > BlockBytes)
            {
                Compress(data, BlockBytes, 0);
                data = data[BlockBytes..];
            }
        }

        data.CopyTo(buffer[_bufferLength..]);
        _bufferLength += data.Length;
    }

    /// <summary>Writes the digest (its first <c>min(digest.Length, digest length)</c> bytes) and wipes the state.</summary>
    public void Finish(Span<byte> digest)
    {
        Span<byte> buffer = _buffer;
        buffer[_bufferLength..].Clear();
        Compress(buffer, _bufferLength, ulong.MaxValue);

        int count = Math.Min(digest.Length, _digestLength);
        Span<byte> full = stackalloc byte[MaxDigestBytes];
        for (int i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(full[(8 * i)..], _h[i]);
        }

        full[..count].CopyTo(digest);
        full.Clear();
        this = default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Compress(ReadOnlySpan<byte> block, int byteCount, ulong finalFlag)
    {
        _t0 += (ulong)byteCount;
        if (_t0 < (ulong)byteCount)
        {
            _t1++;
        }

        Blake2bCore.Compress(ref _h, block, _t0, _t1, finalFlag);
    }
}
