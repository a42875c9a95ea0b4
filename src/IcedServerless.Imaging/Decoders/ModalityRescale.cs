namespace IcedServerless.Imaging.Decoders;

/// <summary>
/// The DICOM modality rescale (Rescale Slope 0028,1053 and Rescale Intercept 0028,1052): the output value of a stored
/// pixel value <c>v</c> is <c>v × Slope + Intercept</c> (for CT, Hounsfield units).
/// </summary>
/// <param name="Slope">The factor; finite.</param>
/// <param name="Intercept">The offset; finite.</param>
public readonly record struct ModalityRescale(double Slope, double Intercept)
{
    /// <summary>The identity transform (slope 1, intercept 0), the value when a file declares none.</summary>
    public static ModalityRescale Identity => new(1, 0);

    /// <summary>Whether this is the identity transform.</summary>
    public bool IsIdentity => Slope == 1 && Intercept == 0;

    /// <summary>Applies the transform to a stored value.</summary>
    /// <param name="stored">The stored pixel value (already sign-extended).</param>
    /// <returns><c>stored × Slope + Intercept</c>.</returns>
    public double Apply(int stored) => (stored * Slope) + Intercept;
}
