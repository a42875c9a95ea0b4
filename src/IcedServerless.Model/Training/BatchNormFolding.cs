using IcedServerless.Model.Layers;

namespace IcedServerless.Model.Training;

/// <summary>
/// Removes batch normalisation for inference and encryption by folding it into the linear layer before it: with
/// <c>s = gamma / sqrt(runningVar + epsilon)</c> per output channel, <c>W' = s·W</c> and
/// <c>b' = s·(b − runningMean) + beta</c>, so the folded layer computes exactly what linear-then-normalise did.
/// </summary>
public static class BatchNormFolding
{
    /// <summary>Returns a new network without batch-norm layers; <paramref name="network"/> is left unchanged.</summary>
    /// <param name="network">A trained network (batch-norm statistics are the running ones).</param>
    /// <returns>The folded network, with copies of every other layer's parameters.</returns>
    /// <exception cref="InvalidOperationException">A batch-norm layer does not directly follow a convolution or dense layer.</exception>
    public static Sequential Fold(Sequential network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = new List<Layer>();
        var source = network.Layers;
        for (int i = 0; i < source.Count; i++)
        {
            var layer = LayerCopy.Clone(source[i]);
            if (layer.Kind == LayerKind.BatchNorm)
            {
                throw new InvalidOperationException($"Batch-norm layer '{layer.Name}' must directly follow a convolution or dense layer to be folded.");
            }

            if (i + 1 < source.Count && source[i + 1] is BatchNorm bn)
            {
                var (weight, bias) = layer switch
                {
                    Conv2d conv => (conv.Weight, conv.Bias),
                    Dense dense => (dense.Weight, dense.Bias),
                    _ => throw new InvalidOperationException($"Batch-norm layer '{bn.Name}' follows '{layer.Name}', which is not a convolution or dense layer."),
                };
                FoldInto(weight, bias, bn);
                i++;
            }

            layers.Add(layer);
        }

        return new Sequential(network.InputShape, layers);
    }

    private static void FoldInto(Parameter weight, Parameter bias, BatchNorm bn)
    {
        int channels = bias.Value.Length, perChannel = weight.Value.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            double scale = bn.Gamma.Value[c] / Math.Sqrt(bn.RunningVariance[c] + bn.Epsilon);
            foreach (ref double w in weight.Value.AsSpan(c * perChannel, perChannel))
            {
                w *= scale;
            }

            bias.Value[c] = ((bias.Value[c] - bn.RunningMean[c]) * scale) + bn.Beta.Value[c];
        }
    }
}
