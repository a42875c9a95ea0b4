namespace IcedServerless.Imaging;

/// <summary>Why an image or array file was rejected; carried by <see cref="ImageFormatException"/>.</summary>
public enum ImageFormatError
{
    /// <summary>The file does not start with the expected magic bytes.</summary>
    BadMagic,

    /// <summary>The file declares a format version this reader does not implement.</summary>
    UnsupportedVersion,

    /// <summary>The header text is not the dictionary the format prescribes.</summary>
    MalformedHeader,

    /// <summary>The element type is not one this reader supports (or is not little-endian).</summary>
    UnsupportedDataType,

    /// <summary>The array is stored in Fortran (column-major) order; only C order is accepted.</summary>
    UnsupportedLayout,

    /// <summary>The declared shape does not agree with the number of bytes present.</summary>
    SizeMismatch,

    /// <summary>The data ends before the declared size was read.</summary>
    Truncated,

    /// <summary>A declared or actual size exceeds a configured safety limit.</summary>
    LimitExceeded,

    /// <summary>The archive container itself (ZIP) is damaged or unreadable.</summary>
    CorruptArchive,

    /// <summary>A requested archive member does not exist.</summary>
    MissingEntry,

    /// <summary>Pixel dimensions or pixel buffer sizes are invalid.</summary>
    InvalidDimensions,
}
