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

    /// <summary>A stored checksum (a PNG chunk CRC, a zlib Adler-32) does not match the data.</summary>
    ChecksumMismatch,

    /// <summary>The encoded data is internally inconsistent (bad filter type, broken compressed stream, palette
    /// index out of range, misplaced or repeated chunk, malformed element).</summary>
    CorruptData,

    /// <summary>The file is well formed but uses an encoding this decoder does not implement (for example a compressed
    /// or big-endian DICOM transfer syntax, or a colour model other than grayscale and RGB).</summary>
    UnsupportedEncoding,

    /// <summary>The content is not a PNG, DICOM or NumPy image.</summary>
    UnrecognizedFormat,
}
