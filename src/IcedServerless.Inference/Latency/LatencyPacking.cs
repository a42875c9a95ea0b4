namespace IcedServerless.Inference.Latency;

/// <summary>
/// The client's side of the latency layout (one image per unit): the first layer's gather, packed into blocks, and
/// the logits read back from slots 0…K−1 of the single output ciphertext.
/// </summary>
public static class LatencyPacking
{
    /// <summary>Builds the slot vectors of the unit's ciphertexts for one preprocessed image.</summary>
    /// <param name="image">The preprocessed pixels.</param>
    /// <param name="plan">A latency plan (with <see cref="ModelPlan.InputGather"/>).</param>
    public static double[][] Pack(ReadOnlySpan<double> image, ModelPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var gather = plan.InputGather ?? throw new ArgumentException("not a latency plan: it has no gather table", nameof(plan));
        var slots = plan.PolyModulusDegree / 2;
        var blocks = slots / plan.GatherBlockSize;
        var terms = gather.Count / plan.GatherRows;
        var vectors = new double[plan.InputCiphertextsPerUnit][];
        for (var m = 0; m < vectors.Length; m++)
        {
            vectors[m] = new double[slots];
        }

        for (var t = 0; t < terms; t++)
        {
            var vector = vectors[t / blocks];
            var offset = (t % blocks) * plan.GatherBlockSize;
            for (var r = 0; r < plan.GatherRows; r++)
            {
                var pixel = gather[(t * plan.GatherRows) + r];
                if (pixel >= image.Length)
                {
                    throw new ArgumentException($"image has {image.Length} values; the plan reads pixel {pixel}", nameof(image));
                }

                vector[offset + r] = pixel < 0 ? 0 : image[pixel];
            }
        }

        return vectors;
    }

    /// <summary>The logits from the decoded output ciphertext.</summary>
    public static double[] Unpack(ReadOnlySpan<double> decoded, int classes) => decoded[..classes].ToArray();
}
