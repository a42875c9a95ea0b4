namespace IcedServerless.Inference.Throughput;

/// <summary>
/// The throughput layout: slot j of input ciphertext i holds pixel i of image j, and slot j of output ciphertext c
/// holds logit c of image j. One unit scores up to N/2 images at once, with no rotations.
/// </summary>
public static class ThroughputPacking
{
    /// <summary>Transposes images (each <paramref name="pixels"/> values) into per-pixel slot vectors.</summary>
    /// <param name="images">Preprocessed images, at most <paramref name="slots"/> of them.</param>
    /// <param name="pixels">Values per image.</param>
    /// <param name="slots">Slots per ciphertext (N/2).</param>
    /// <returns>One vector of <paramref name="slots"/> values per pixel (unused slots are zero).</returns>
    public static double[][] Pack(IReadOnlyList<ReadOnlyMemory<double>> images, int pixels, int slots)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count > slots)
        {
            throw new ArgumentException($"{images.Count} images do not fit in {slots} slots", nameof(images));
        }

        var vectors = new double[pixels][];
        for (var i = 0; i < pixels; i++)
        {
            vectors[i] = new double[slots];
        }

        for (var j = 0; j < images.Count; j++)
        {
            var image = images[j].Span;
            if (image.Length != pixels)
            {
                throw new ArgumentException($"image {j} has {image.Length} values, expected {pixels}", nameof(images));
            }

            for (var i = 0; i < pixels; i++)
            {
                vectors[i][j] = image[i];
            }
        }

        return vectors;
    }

    /// <summary>Transposes decrypted per-class slot vectors back into per-image logits.</summary>
    /// <param name="classSlots">One decoded vector per class.</param>
    /// <param name="imageCount">How many images the unit held.</param>
    public static double[][] Unpack(IReadOnlyList<double[]> classSlots, int imageCount)
    {
        ArgumentNullException.ThrowIfNull(classSlots);
        var logits = new double[imageCount][];
        for (var j = 0; j < imageCount; j++)
        {
            logits[j] = new double[classSlots.Count];
            for (var c = 0; c < classSlots.Count; c++)
            {
                logits[j][c] = classSlots[c][j];
            }
        }

        return logits;
    }
}
