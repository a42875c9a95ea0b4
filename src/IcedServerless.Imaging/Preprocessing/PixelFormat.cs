namespace IcedServerless.Imaging.Preprocessing;

/// <summary>How raw pixels are laid out in a buffer: row-major, top row first, no row padding.</summary>
public enum PixelFormat
{
    /// <summary>One byte per pixel, 0 = black.</summary>
    Gray8,

    /// <summary>Three bytes per pixel: red, green, blue.</summary>
    Rgb24,

    /// <summary>Four bytes per pixel: red, green, blue, straight (non-premultiplied) alpha.</summary>
    Rgba32,
}
