namespace IcedServerless.Model.Layers;

/// <summary>
/// 2-D convolution (cross-correlation, as in PyTorch) with square kernels, stride and zero padding:
/// <c>y[o, r, c] = bias[o] + Σ_i Σ_u Σ_v W[o, i, u, v] · x[i, r·stride + u − padding, c·stride + v − padding]</c>,
/// where taps outside the input read zero. Weights are stored <c>[out, in, kh, kw]</c> in C order; the output side
/// is <c>floor((H + 2·padding − kernel) / stride) + 1</c>.
/// </summary>
public sealed class Conv2d : Layer
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;

    /// <summary>Creates the layer with zero weights (call <see cref="Layer.Initialize"/> to randomise).</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="inputShape">The input shape <c>[in, H, W]</c>.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel side.</param>
    /// <param name="stride">Step between output positions.</param>
    /// <param name="padding">Zero padding on every side, less than the kernel side.</param>
    /// <exception cref="ArgumentException">The hyper-parameters do not give a non-empty output.</exception>
    public Conv2d(string name, TensorShape inputShape, int outChannels, int kernelSize, int stride, int padding)
        : base(name, inputShape, OutputFor(inputShape, outChannels, kernelSize, stride, padding))
    {
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        _weight = new Parameter("weight", [outChannels, inputShape.Channels, kernelSize, kernelSize], weightDecay: true);
        _bias = new Parameter("bias", [outChannels], weightDecay: false);
    }

    /// <inheritdoc />
    public override LayerKind Kind => LayerKind.Conv2d;

    /// <summary>The kernel side length.</summary>
    public int KernelSize { get; }

    /// <summary>The stride.</summary>
    public int Stride { get; }

    /// <summary>The zero padding on each side.</summary>
    public int Padding { get; }

    /// <summary>Weights <c>[out, in, kh, kw]</c>.</summary>
    public Parameter Weight => _weight;

    /// <summary>Biases <c>[out]</c>.</summary>
    public Parameter Bias => _bias;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [_weight, _bias];

    /// <inheritdoc />
    public override long MultiplyAccumulates => (long)OutputShape.Size * InputShape.Channels * KernelSize * KernelSize;

    /// <summary>Computes the output shape, validating the hyper-parameters.</summary>
    /// <param name="input">The input shape.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernel">Kernel side.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Padding.</param>
    /// <returns>The output shape.</returns>
    /// <exception cref="ArgumentException">The combination is invalid.</exception>
    public static TensorShape OutputFor(TensorShape input, int outChannels, int kernel, int stride, int padding)
    {
        if (outChannels <= 0 || kernel <= 0 || stride <= 0 || padding < 0 || padding >= kernel
            || input.Height + (2 * padding) < kernel || input.Width + (2 * padding) < kernel)
        {
            throw new ArgumentException(
                $"Invalid convolution: {outChannels} channels, kernel {kernel}, stride {stride}, padding {padding} on input {input}.");
        }

        return new TensorShape(outChannels, ((input.Height + (2 * padding) - kernel) / stride) + 1, ((input.Width + (2 * padding) - kernel) / stride) + 1);
    }

    /// <inheritdoc />
    public override void Initialize(DeterministicRandom random)
    {
        // Uniform with variance 1/fan-in keeps pre-activations near unit scale for the quadratic activations.
        double limit = Math.Sqrt(3.0 / (InputShape.Channels * KernelSize * KernelSize));
        foreach (ref double w in _weight.Value.AsSpan())
        {
            w = random.NextDouble(-limit, limit);
        }

        Array.Clear(_bias.Value);
    }

    /// <inheritdoc />
    protected override void ForwardCore(ReadOnlyMemory<double> input, Memory<double> output, int batch, bool training)
    {
        int inSize = InputShape.Size, outSize = OutputShape.Size;
        Parallelism.For(batch, s => ForwardSample(input.Span.Slice(s * inSize, inSize), output.Span.Slice(s * outSize, outSize)));
    }

    /// <inheritdoc />
    protected override void BackwardCore(ReadOnlyMemory<double> input, ReadOnlyMemory<double> outputGradient, Memory<double> inputGradient, int batch)
    {
        Parallelism.For(OutputShape.Channels, o => ParameterGradient(o, input.Span, outputGradient.Span, batch));
        if (!inputGradient.IsEmpty)
        {
            int inSize = InputShape.Size, outSize = OutputShape.Size;
            Parallelism.For(batch, s => InputGradientSample(outputGradient.Span.Slice(s * outSize, outSize), inputGradient.Span.Slice(s * inSize, inSize)));
        }
    }

    private void ForwardSample(ReadOnlySpan<double> x, Span<double> y)
    {
        int taps = InputShape.Channels * KernelSize * KernelSize, oh = OutputShape.Height, ow = OutputShape.Width;
        for (int o = 0; o < OutputShape.Channels; o++)
        {
            var visitor = new ForwardTap { X = x, W = _weight.Value.AsSpan(o * taps, taps) };
            for (int r = 0; r < oh; r++)
            {
                for (int c = 0; c < ow; c++)
                {
                    visitor.Sum = _bias.Value[o];
                    VisitTaps(r, c, ref visitor);
                    y[(((o * oh) + r) * ow) + c] = visitor.Sum;
                }
            }
        }
    }

    private void ParameterGradient(int o, ReadOnlySpan<double> x, ReadOnlySpan<double> g, int batch)
    {
        int taps = InputShape.Channels * KernelSize * KernelSize, oh = OutputShape.Height, ow = OutputShape.Width;
        int inSize = InputShape.Size, outSize = OutputShape.Size;
        var visitor = new WeightGradientTap { DW = _weight.Gradient.AsSpan(o * taps, taps) };
        visitor.DW.Clear();
        double db = 0;
        for (int s = 0; s < batch; s++)
        {
            visitor.X = x.Slice(s * inSize, inSize);
            var gs = g.Slice((s * outSize) + (o * oh * ow), oh * ow);
            for (int r = 0; r < oh; r++)
            {
                for (int c = 0; c < ow; c++)
                {
                    visitor.G = gs[(r * ow) + c];
                    db += visitor.G;
                    VisitTaps(r, c, ref visitor);
                }
            }
        }

        _bias.Gradient[o] = db;
    }

    private void InputGradientSample(ReadOnlySpan<double> g, Span<double> dx)
    {
        int taps = InputShape.Channels * KernelSize * KernelSize, oh = OutputShape.Height, ow = OutputShape.Width;
        dx.Clear();
        for (int o = 0; o < OutputShape.Channels; o++)
        {
            var visitor = new InputGradientTap { DX = dx, W = _weight.Value.AsSpan(o * taps, taps) };
            for (int r = 0; r < oh; r++)
            {
                for (int c = 0; c < ow; c++)
                {
                    visitor.G = g[(((o * oh) + r) * ow) + c];
                    VisitTaps(r, c, ref visitor);
                }
            }
        }
    }

    /// <summary>
    /// Calls the visitor for every kernel tap of output position (r, c) that lands inside the input (padding
    /// reads zero, so out-of-range taps contribute nothing), with the input index within the sample and the weight
    /// index within one output channel's <c>[in, kh, kw]</c> block.
    /// </summary>
    private void VisitTaps<TVisitor>(int r, int c, ref TVisitor visitor)
        where TVisitor : ITapVisitor, allows ref struct
    {
        int h = InputShape.Height, w = InputShape.Width, k = KernelSize;
        int col0 = (c * Stride) - Padding;
        int vStart = Math.Max(0, -col0), vEnd = Math.Min(k, w - col0);
        for (int i = 0; i < InputShape.Channels; i++)
        {
            for (int u = 0; u < k; u++)
            {
                int row = (r * Stride) + u - Padding;
                if ((uint)row >= (uint)h)
                {
                    continue;
                }

                int xBase = (((i * h) + row) * w) + col0, wBase = ((i * k) + u) * k;
                for (int v = vStart; v < vEnd; v++)
                {
                    visitor.Visit(xBase + v, wBase + v);
                }
            }
        }
    }

    private interface ITapVisitor
    {
        void Visit(int xIndex, int wIndex);
    }

    private ref struct ForwardTap : ITapVisitor
    {
        public ReadOnlySpan<double> X;
        public ReadOnlySpan<double> W;
        public double Sum;

        public void Visit(int xIndex, int wIndex) => Sum += W[wIndex] * X[xIndex];
    }

    private ref struct WeightGradientTap : ITapVisitor
    {
        public ReadOnlySpan<double> X;
        public Span<double> DW;
        public double G;

        public readonly void Visit(int xIndex, int wIndex) => DW[wIndex] += G * X[xIndex];
    }

    private ref struct InputGradientTap : ITapVisitor
    {
        public Span<double> DX;
        public ReadOnlySpan<double> W;
        public double G;

        public readonly void Visit(int xIndex, int wIndex) => DX[xIndex] += G * W[wIndex];
    }
}
