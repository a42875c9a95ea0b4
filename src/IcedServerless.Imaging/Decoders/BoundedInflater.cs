using System.IO.Compression;

namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// Inflates DEFLATE data (zlib-wrapped for PNG, raw for deflated DICOM) without trusting any size it implies: output
/// is either exactly a size known in advance or capped, and a broken stream becomes an <see cref="ImageFormatException"/>.
/// </summary>
internal static class BoundedInflater
{
    /// <summary>DEFLATE's best case is a 258-byte match in two bits, so no stream expands more than 1032-fold.</summary>
    private const long MaxRatio = 1032;

    /// <summary>Inflates zlib data that must produce exactly <paramref name="size"/> bytes.</summary>
    /// <param name="compressed">The zlib stream.</param>
    /// <param name="size">The exact inflated size, already checked against the limits.</param>
    /// <param name="what">Names the data in error messages.</param>
    /// <exception cref="ImageFormatException">The stream is broken, too short or too long.</exception>
    public static byte[] InflateZlibExactly(byte[] compressed, long size, string what)
    {
        // Refuse before allocating what the compressed bytes could never fill, so a tiny file cannot reserve a
        // large buffer just by declaring large dimensions.
        if (size > (compressed.Length * MaxRatio) + 64)
        {
            throw new ImageFormatException(ImageFormatError.Truncated,
                $"{what} needs {size} inflated bytes, more than {compressed.Length} compressed bytes can hold.");
        }

        if (size > Array.MaxLength)
        {
            throw new ImageFormatException(ImageFormatError.LimitExceeded,
                $"{what} needs {size} inflated bytes, more than one buffer can hold.");
        }

        var output = new byte[size];
        using var zlib = new ZLibStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
        try
        {
            int read = zlib.ReadAtLeast(output, output.Length, throwOnEndOfStream: false);
            if (read < output.Length)
            {
                throw new ImageFormatException(ImageFormatError.Truncated,
                    $"{what} inflates to {read} bytes, fewer than the {size} its header requires.");
            }

            // Reading past the end also makes the inflater verify the Adler-32 trailer.
            if (zlib.ReadByte() >= 0)
            {
                throw new ImageFormatException(ImageFormatError.SizeMismatch,
                    $"{what} inflates to more than the {size} bytes its header requires.");
            }
        }
        catch (Exception ex) when (IsInflateFailure(ex))
        {
            throw new ImageFormatException(ImageFormatError.CorruptData, $"{what} is not a valid zlib stream: {ex.Message}", ex);
        }

        return output;
    }

    /// <summary>Inflates raw DEFLATE data of unknown size, refusing to produce more than <paramref name="max"/> bytes.</summary>
    /// <param name="compressed">The raw DEFLATE stream.</param>
    /// <param name="max">The largest acceptable output.</param>
    /// <param name="what">Names the data in error messages.</param>
    /// <exception cref="ImageFormatException">The stream is broken or inflates beyond <paramref name="max"/>.</exception>
    public static byte[] InflateRawBounded(ReadOnlySpan<byte> compressed, long max, string what)
    {
        using var deflate = new DeflateStream(new MemoryStream(compressed.ToArray(), writable: false), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = deflate.Read(chunk)) > 0)
            {
                if (output.Length + n > max)
                {
                    throw new ImageFormatException(ImageFormatError.LimitExceeded,
                        $"{what} inflates to more than the limit of {max} bytes.");
                }

                output.Write(chunk, 0, n);
            }
        }
        catch (Exception ex) when (IsInflateFailure(ex))
        {
            throw new ImageFormatException(ImageFormatError.CorruptData, $"{what} is not a valid DEFLATE stream: {ex.Message}", ex);
        }

        return output.ToArray();
    }

    // Bad data surfaces as InvalidDataException, and some header faults (an invalid window size) as the zlib
    // wrapper's ZLibException, an IOException; the source is a MemoryStream, so no IOException is a real I/O error.
    private static bool IsInflateFailure(Exception ex) => ex is InvalidDataException or IOException;
}
