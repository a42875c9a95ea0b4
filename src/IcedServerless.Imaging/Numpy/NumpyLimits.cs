namespace IcedServerless.Imaging.Numpy;

/// <summary>
/// Safety limits applied while reading untrusted <c>.npy</c>/<c>.npz</c> input. Every size is checked against these
/// before any buffer of that size is allocated, so a hostile header or a ZIP bomb fails fast instead of
/// exhausting memory.
/// </summary>
public sealed record NumpyLimits
{
    /// <summary>The defaults: 256 MiB per array, 1 GiB per archive, 64 members, 64 KiB headers.</summary>
    public static NumpyLimits Default { get; } = new();

    /// <summary>Largest array payload (bytes, after decompression) accepted.</summary>
    public long MaxArrayBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Largest total decompressed size of all members of an archive.</summary>
    public long MaxArchiveBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>Largest compressed archive (file) size accepted by the file loaders.</summary>
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Largest number of members an archive may list.</summary>
    public int MaxEntries { get; init; } = 64;

    /// <summary>Largest <c>.npy</c> header (the dictionary text) in bytes.</summary>
    public int MaxHeaderBytes { get; init; } = 64 * 1024;

    /// <summary>Largest number of dimensions an array may declare.</summary>
    public int MaxDimensions { get; init; } = 8;

    /// <summary>Throws if a limit is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative, or an array limit exceeds what one
    /// .NET array can hold.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxArrayBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxArrayBytes, Array.MaxLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxArchiveBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFileBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEntries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxHeaderBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDimensions);
    }
}
