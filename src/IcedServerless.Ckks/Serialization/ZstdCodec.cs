namespace IcedServerless.Ckks.Serialization;

/// <summary>Zstandard framing for SEAL compression mode 2, through the system libzstd (<see cref="ZstdLibrary"/>).</summary>
internal static unsafe class ZstdCodec
{
    /// <summary>The level SEAL uses (libzstd's default).</summary>
    public const int Level = 3;

    private const int WindowLogMaxParameter = 100; // ZSTD_d_windowLogMax
    private const int MinWindowLog = 20;
    private const int MaxWindowLog = 31;
    private const ulong ContentSizeUnknown = ulong.MaxValue;
    private const ulong ContentSizeError = ulong.MaxValue - 1;
    private const long InitialGuessFloor = 1 << 20;

    public static byte[] Decompress(ZstdLibrary? library, ReadOnlySpan<byte> compressed, long maxOutputBytes)
    {
        if (library is null)
        {
            throw new SealFormatException("zstd is not available on this system (libzstd could not be loaded); send zlib or uncompressed objects.");
        }

        fixed (byte* source = compressed)
        {
            // A declared content size over the limit is refused outright. Under the limit it only sizes the first
            // allocation, and no more than a few times the input, so a false claim cannot reserve memory by itself.
            ulong declared = library.GetFrameContentSize(source, (nuint)compressed.Length);
            if (declared != ContentSizeUnknown && declared != ContentSizeError && declared > (ulong)maxOutputBytes)
            {
                throw new SealFormatException($"zstd: the frame declares {declared} bytes of content, more than the limit of {maxOutputBytes} bytes.");
            }

            long guess = Math.Max(4L * compressed.Length, InitialGuessFloor);
            long initial = declared <= (ulong)maxOutputBytes ? Math.Min((long)declared, guess) : 2L * compressed.Length;
            var output = new BoundedOutput(maxOutputBytes, initial, "zstd");
            void* context = library.CreateDCtx();
            if (context is null)
            {
                throw new OutOfMemoryException("libzstd could not allocate a decompression context.");
            }

            try
            {
                Check(library, library.DCtxSetParameter(context, WindowLogMaxParameter, WindowLogLimit(maxOutputBytes)));
                var input = new ZstdLibrary.InBuffer { Source = source, Size = (nuint)compressed.Length };
                Inflate(library, context, ref input, output);
            }
            finally
            {
                library.FreeDCtx(context);
            }

            return output.ToArray();
        }
    }

    public static byte[] Compress(ZstdLibrary? library, ReadOnlySpan<byte> raw)
    {
        if (library is null)
        {
            throw new PlatformNotSupportedException("zstd is not available on this system (libzstd could not be loaded).");
        }

        var buffer = new byte[checked((int)library.CompressBound((nuint)raw.Length))];
        nuint written;
        fixed (byte* source = raw)
        fixed (byte* destination = buffer)
        {
            written = library.Compress(destination, (nuint)buffer.Length, source, (nuint)raw.Length, Level);
        }

        if (library.IsError(written) != 0)
        {
            throw new InvalidOperationException($"zstd compression failed: {library.ErrorName(written)}");
        }

        return buffer.AsSpan(0, (int)written).ToArray();
    }

    private static void Inflate(ZstdLibrary library, void* context, ref ZstdLibrary.InBuffer input, BoundedOutput output)
    {
        while (true)
        {
            Span<byte> free = output.GetFreeSpan();
            nuint hint;
            nuint produced;
            bool outputFull;
            fixed (byte* destination = free)
            {
                var target = new ZstdLibrary.OutBuffer { Destination = destination, Size = (nuint)free.Length };
                fixed (ZstdLibrary.InBuffer* source = &input)
                {
                    hint = library.DecompressStream(context, &target, source);
                }

                Check(library, hint);
                produced = target.Position;
                outputFull = target.Position == target.Size;
            }

            output.Advance((int)produced);
            if (hint == 0)
            {
                // Frame complete and flushed: SEAL stores exactly one frame, so anything after it is an error.
                if (input.Position != input.Size)
                {
                    throw new SealFormatException($"zstd: {input.Size - input.Position} bytes follow the end of the frame.");
                }

                return;
            }

            // All input used and room left over means the decoder is waiting for bytes that do not exist.
            if (input.Position == input.Size && !outputFull)
            {
                throw new SealFormatException($"zstd: the frame is truncated after {output.Length} decompressed bytes.");
            }
        }
    }

    // A frame written with its size known never needs a window above 2^ceil(log2(content)), and content ≤ limit; one
    // extra bit and a 1 MiB floor leave room for encoders that did not know the size, while a hostile window
    // descriptor can make libzstd reserve at most about twice the limit (its default would allow 128 MiB).
    private static int WindowLogLimit(long maxOutputBytes)
    {
        int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)Math.Max(1, maxOutputBytes - 1));
        return Math.Clamp(bits + 1, MinWindowLog, MaxWindowLog);
    }

    private static void Check(ZstdLibrary library, nuint code)
    {
        if (library.IsError(code) != 0)
        {
            throw new SealFormatException($"zstd: the frame is corrupt ({library.ErrorName(code)}).");
        }
    }
}
