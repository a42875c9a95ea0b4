namespace IcedServerless.Imaging.Numpy;

/// <summary>
/// Reads a single <c>.npy</c> array (format 1.0, 2.0 or 3.0; dtypes |u1, &lt;i8, &lt;f4, &lt;f8; C order). The shape is
/// validated against the limits and against the bytes actually present before the payload buffer is allocated.
/// </summary>
public static class NpyReader
{
    /// <summary>Reads one array from <paramref name="stream"/>, which must hold exactly one <c>.npy</c> file.</summary>
    /// <param name="stream">The data; if seekable, its remaining length must equal the file's declared size.</param>
    /// <param name="limits">Safety limits; <see cref="NumpyLimits.Default"/> when null.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ImageFormatException">The data is malformed, truncated, too large or unsupported.</exception>
    public static NpyArray Read(Stream stream, NumpyLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long? available = stream.CanSeek ? stream.Length - stream.Position : null;
        return Read(stream, available, limits ?? NumpyLimits.Default);
    }

    /// <summary>Reads one array, knowing (when not null) exactly how many bytes the stream holds.</summary>
    internal static NpyArray Read(Stream stream, long? available, NumpyLimits limits)
    {
        limits.Validate();
        int headerLength = NpyHeader.ReadPreamble(stream, limits, out int preambleLength);
        var header = NpyHeader.ReadDictionary(stream, headerLength, limits);
        long expected = preambleLength + headerLength + header.ByteCount;
        if (available is long total && total != expected)
        {
            throw new ImageFormatException(total < expected ? ImageFormatError.Truncated : ImageFormatError.SizeMismatch,
                $"The .npy shape ({string.Join(", ", header.Shape)}) of {header.ElementType} needs {expected} bytes in all, but {total} are present.");
        }

        var data = new byte[header.ByteCount];
        try
        {
            stream.ReadExactly(data);
        }
        catch (EndOfStreamException ex)
        {
            throw new ImageFormatException(ImageFormatError.Truncated,
                $"The .npy payload ends before the {header.ByteCount} bytes its shape declares.", ex);
        }

        // A stream of unknown length (or one that lied about it, like a forged ZIP entry) must end here.
        if (stream.ReadByte() >= 0)
        {
            throw new ImageFormatException(ImageFormatError.SizeMismatch,
                $"The .npy data continues past the {header.ByteCount} payload bytes its shape declares.");
        }

        return new NpyArray(header.ElementType, header.Shape, header.ElementCount, data);
    }
}
