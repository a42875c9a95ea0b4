namespace IcedServerless.Imaging.Decoders;

/// <summary>What the samples of a <see cref="DecodedImage"/> mean and how many there are per pixel.</summary>
public enum ColorModel
{
    /// <summary>One gray sample per pixel, the lowest value black (DICOM MONOCHROME2, PNG gray).</summary>
    Gray,

    /// <summary>One gray sample per pixel, the lowest value white (DICOM MONOCHROME1).</summary>
    InvertedGray,

    /// <summary>Gray then straight (non-premultiplied) alpha.</summary>
    GrayAlpha,

    /// <summary>Red, green, blue.</summary>
    Rgb,

    /// <summary>Red, green, blue, straight alpha.</summary>
    Rgba,
}
