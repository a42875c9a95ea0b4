namespace IcedServerless.Imaging.Decoders;

/// <summary>The file formats <see cref="ImageLoader"/> recognises by content.</summary>
public enum ImageFileKind
{
    /// <summary>Not a supported image.</summary>
    Unknown,

    /// <summary>A PNG file.</summary>
    Png,

    /// <summary>A DICOM Part 10 file or a raw little-endian DICOM dataset.</summary>
    Dicom,

    /// <summary>A NumPy <c>.npy</c> array holding one image.</summary>
    Npy,
}
