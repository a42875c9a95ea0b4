using IcedServerless.Imaging.Preprocessing;
using IcedServerless.Model.Data;
using IcedServerless.Model.Layers;

namespace IcedServerless.Model.Inference;

/// <summary>Runs a network in inference mode over a whole data set, chunk by chunk, and returns probabilities.</summary>
public static class BatchPredictor
{
    /// <summary>The most images evaluated per forward pass.</summary>
    public const int MaxChunkSize = 256;

    /// <summary>The activation values one forward pass may hold (about 32 MiB), which bounds the chunk size.</summary>
    public const int ActivationBudget = 1 << 22;

    /// <summary>Normalises every image of <paramref name="data"/> with <paramref name="spec"/> and predicts it.</summary>
    /// <param name="network">The network (batch-norm layers use their running statistics).</param>
    /// <param name="data">The images; their size must equal the spec's input size.</param>
    /// <param name="spec">The preprocessing.</param>
    /// <returns><c>data.Count × K</c> class probabilities.</returns>
    /// <exception cref="ArgumentException">The image size or the network input does not match.</exception>
    public static double[] Predict(Sequential network, ImageDataset data, PreprocessingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        if (data.ImageSize != spec.InputSize || network.InputShape != new TensorShape(1, spec.InputSize, spec.InputSize))
        {
            throw new ArgumentException(
                $"The images are {data.ImageSize}×{data.ImageSize}, the preprocessing expects {spec.InputSize} and the network {network.InputShape}.");
        }

        int k = network.OutputShape.Size, pixels = data.PixelsPerImage;
        long perImage = pixels + network.Layers.Sum(l => (long)l.OutputShape.Size);
        int chunk = (int)Math.Clamp(ActivationBudget / perImage, 1, MaxChunkSize);
        var probabilities = new double[data.Count * k];
        var input = new double[Math.Min(chunk, data.Count) * pixels];
        for (int start = 0; start < data.Count; start += chunk)
        {
            int count = Math.Min(chunk, data.Count - start);
            for (int i = 0; i < count; i++)
            {
                ImagePreprocessor.Normalize(data.Image(start + i), spec, input.AsSpan(i * pixels, pixels));
            }

            var logits = network.Forward(input.AsMemory(0, count * pixels), count, training: false);
            Softmax.ApplyBatch(logits.Span, k, probabilities.AsSpan(start * k, count * k));
        }

        return probabilities;
    }
}
