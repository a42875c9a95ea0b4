namespace IcedServerless.Model.Layers;

/// <summary>
/// Average pooling with a square window and stride, no padding: each output is the mean of its
/// <c>kernel × kernel</c> window (a linear map, so CKKS evaluates it as a plaintext multiply). The output side is
/// <c>floor((H − kernel) / stride) + 1</c>.
/// </summary>
public sealed class AvgPool2d : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="inputShape">The input shape <c>[C, H, W]</c>.</param>
    /// <param name="kernelSize">Window side.</param>
    /// <param name="stride">Step between windows.</param>
    /// <exception cref="ArgumentException">The window does not fit the input.</exception>
    public AvgPool2d(string name, TensorShape inputShape, int kernelSize, int stride)
        : base(name, inputShape, OutputFor(inputShape, kernelSize, stride))
    {
        KernelSize = kernelSize;
        Stride = stride;
    }

    /// <inheritdoc />
    public override LayerKind Kind => LayerKind.AvgPool2d;

    /// <summary>The window side.</summary>
    public int KernelSize { get; }

    /// <summary>The stride.</summary>
    public int Stride { get; }

    /// <inheritdoc />
    public override long MultiplyAccumulates => (long)OutputShape.Size * KernelSize * KernelSize;

    /// <summary>Computes the output shape, validating the hyper-parameters.</summary>
    /// <param name="input">The input shape.</param>
    /// <param name="kernel">Window side.</param>
    /// <param name="stride">Stride.</param>
    /// <returns>The output shape.</returns>
    /// <exception cref="ArgumentException">The combination is invalid.</exception>
    public static TensorShape OutputFor(TensorShape input, int kernel, int stride)
    {
        if (kernel <= 0 || stride <= 0 || kernel > input.Height || kernel > input.Width)
        {
            throw new ArgumentException($"Invalid average pooling: kernel {kernel}, stride {stride} on input {input}.");
        }

        return new TensorShape(input.Channels, ((input.Height - kernel) / stride) + 1, ((input.Width - kernel) / stride) + 1);
    }

    /// <inheritdoc />
    protected override void ForwardCore(ReadOnlyMemory<double> input, Memory<double> output, int batch, bool training)
    {
        int inSize = InputShape.Size, outSize = OutputShape.Size;
        Parallelism.For(batch, s =>
        {
            var x = input.Span.Slice(s * inSize, inSize);
            var y = output.Span.Slice(s * outSize, outSize);
            double scale = 1.0 / (KernelSize * KernelSize);
            for (int p = 0; p < outSize; p++)
            {
                double sum = 0;
                int start = WindowStart(p), w = InputShape.Width;
                for (int u = 0; u < KernelSize; u++)
                {
                    for (int v = 0; v < KernelSize; v++)
                    {
                        sum += x[start + (u * w) + v];
                    }
                }

                y[p] = sum * scale;
            }
        });
    }

    /// <inheritdoc />
    protected override void BackwardCore(ReadOnlyMemory<double> input, ReadOnlyMemory<double> outputGradient, Memory<double> inputGradient, int batch)
    {
        if (inputGradient.IsEmpty)
        {
            return;
        }

        int inSize = InputShape.Size, outSize = OutputShape.Size;
        Parallelism.For(batch, s =>
        {
            var g = outputGradient.Span.Slice(s * outSize, outSize);
            var dx = inputGradient.Span.Slice(s * inSize, inSize);
            dx.Clear();
            double scale = 1.0 / (KernelSize * KernelSize);
            for (int p = 0; p < outSize; p++)
            {
                int start = WindowStart(p), w = InputShape.Width;
                for (int u = 0; u < KernelSize; u++)
                {
                    for (int v = 0; v < KernelSize; v++)
                    {
                        dx[start + (u * w) + v] += g[p] * scale;
                    }
                }
            }
        });
    }

    /// <summary>The input index (within a sample) of the top-left corner of output <paramref name="p"/>'s window.</summary>
    private int WindowStart(int p)
    {
        int oh = OutputShape.Height, ow = OutputShape.Width;
        int channel = p / (oh * ow), r = p / ow % oh, c = p % ow;
        return (((channel * InputShape.Height) + (r * Stride)) * InputShape.Width) + (c * Stride);
    }
}
