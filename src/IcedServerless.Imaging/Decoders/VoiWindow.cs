namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// A DICOM VOI window (Window Center 0028,1050 and Window Width 0028,1051), applied to modality values with the
/// standard's LINEAR function (PS3.3 C.11.2.1.2.1): values at or below <c>Center − 0.5 − (Width − 1) / 2</c> map to
/// black, values above <c>Center − 0.5 + (Width − 1) / 2</c> to white, and values between linearly. A VOI LUT
/// Function (0028,1056) other than LINEAR and a VOI LUT Sequence (0028,3010) are not applied.
/// </summary>
/// <param name="Center">The window centre, in modality units.</param>
/// <param name="Width">The window width, at least 1.</param>
public readonly record struct VoiWindow(double Center, double Width)
{
    /// <summary>Maps a modality value into <c>[0, 1]</c> (0 black, 1 white).</summary>
    /// <param name="value">The modality value.</param>
    /// <returns>The display fraction.</returns>
    public double Map(double value)
    {
        double c = Center - 0.5, half = (Width - 1) / 2;
        if (value <= c - half)
        {
            return 0;
        }

        // With Width = 1 every value falls in one of the two outer branches, so the division never sees zero.
        return value > c + half ? 1 : ((value - c) / (Width - 1)) + 0.5;
    }
}
