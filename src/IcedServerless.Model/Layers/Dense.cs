namespace IcedServerless.Model.Layers;

/// <summary>
/// Fully connected layer <c>y = W·x + bias</c> on a vector input. Weights are stored <c>[out, in]</c> in C order
/// (row o holds the weights of output o).
/// </summary>
public sealed class Dense : Layer
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;

    /// <summary>Creates the layer with zero weights (call <see cref="Layer.Initialize"/> to randomise).</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="inputShape">A vector shape <c>[in]</c>.</param>
    /// <param name="outFeatures">Number of outputs.</param>
    /// <exception cref="ArgumentException">The input is not a vector or the output count is not positive.</exception>
    public Dense(string name, TensorShape inputShape, int outFeatures)
        : base(name, RequireVector(inputShape), TensorShape.Vector(outFeatures))
    {
        _weight = new Parameter("weight", [outFeatures, inputShape.Channels], weightDecay: true);
        _bias = new Parameter("bias", [outFeatures], weightDecay: false);
    }

    /// <inheritdoc />
    public override LayerKind Kind => LayerKind.Dense;

    /// <summary>Weights <c>[out, in]</c>.</summary>
    public Parameter Weight => _weight;

    /// <summary>Biases <c>[out]</c>.</summary>
    public Parameter Bias => _bias;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [_weight, _bias];

    /// <inheritdoc />
    public override long MultiplyAccumulates => (long)InputShape.Size * OutputShape.Size;

    /// <inheritdoc />
    public override void Initialize(DeterministicRandom random)
    {
        double limit = Math.Sqrt(3.0 / InputShape.Size);
        foreach (ref double w in _weight.Value.AsSpan())
        {
            w = random.NextDouble(-limit, limit);
        }

        Array.Clear(_bias.Value);
    }

    /// <inheritdoc />
    protected override void ForwardCore(ReadOnlyMemory<double> input, Memory<double> output, int batch, bool training)
    {
        int n = InputShape.Size, m = OutputShape.Size;
        Parallelism.For(batch, s =>
        {
            var x = input.Span.Slice(s * n, n);
            var y = output.Span.Slice(s * m, m);
            for (int o = 0; o < m; o++)
            {
                y[o] = _bias.Value[o] + Dot(_weight.Value.AsSpan(o * n, n), x);
            }
        });
    }

    /// <inheritdoc />
    protected override void BackwardCore(ReadOnlyMemory<double> input, ReadOnlyMemory<double> outputGradient, Memory<double> inputGradient, int batch)
    {
        int n = InputShape.Size, m = OutputShape.Size;
        Parallelism.For(m, o =>
        {
            var dw = _weight.Gradient.AsSpan(o * n, n);
            dw.Clear();
            double db = 0;
            for (int s = 0; s < batch; s++)
            {
                double g = outputGradient.Span[(s * m) + o];
                db += g;
                var x = input.Span.Slice(s * n, n);
                for (int j = 0; j < n; j++)
                {
                    dw[j] += g * x[j];
                }
            }

            _bias.Gradient[o] = db;
        });

        if (inputGradient.IsEmpty)
        {
            return;
        }

        Parallelism.For(batch, s =>
        {
            var g = outputGradient.Span.Slice(s * m, m);
            var dx = inputGradient.Span.Slice(s * n, n);
            dx.Clear();
            for (int o = 0; o < m; o++)
            {
                var w = _weight.Value.AsSpan(o * n, n);
                for (int j = 0; j < n; j++)
                {
                    dx[j] += g[o] * w[j];
                }
            }
        });
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        // Plain left-to-right summation: the order (and so every bit) is the same on every machine.
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static TensorShape RequireVector(TensorShape shape) => shape.IsVector
        ? shape
        : throw new ArgumentException($"A dense layer takes a vector input; got {shape}. Add a flatten layer first.", nameof(shape));
}
