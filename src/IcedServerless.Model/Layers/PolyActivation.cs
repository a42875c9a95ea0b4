namespace IcedServerless.Model.Layers;

/// <summary>
/// The quadratic activation <c>y = a·x² + b·x + c</c> with trainable coefficients, one triple per channel or one
/// shared by the layer. Under CKKS it costs one multiplicative level (the square); <c>a</c>, <c>b</c> and <c>c</c>
/// fold into plaintext multiplies and adds.
/// <para>
/// Training adds a penalty <c>λ/batch · Σ max(0, |x| − Bound)²</c> on the inputs, which keeps pre-activations inside
/// [−Bound, Bound], where the encrypted evaluation keeps its precision and the square cannot blow up.
/// </para>
/// </summary>
public sealed class PolyActivation : Layer
{
    private readonly Parameter _a;
    private readonly Parameter _b;
    private readonly Parameter _c;
    private double _initialA = 0.1, _initialB = 0.5, _initialC;

    /// <summary>Creates the layer with coefficients a = 0.1, b = 0.5, c = 0.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="shape">The input (and output) shape.</param>
    /// <param name="perChannel">One coefficient triple per channel (true) or one for the whole layer (false).</param>
    public PolyActivation(string name, TensorShape shape, bool perChannel)
        : base(name, shape, shape)
    {
        PerChannel = perChannel;
        int count = perChannel ? shape.Channels : 1;
        _a = new Parameter("a", [count], weightDecay: false);
        _b = new Parameter("b", [count], weightDecay: false);
        _c = new Parameter("c", [count], weightDecay: false);
        Initialize(new DeterministicRandom(0));
    }

    /// <inheritdoc />
    public override LayerKind Kind => LayerKind.PolyActivation;

    /// <summary>Whether each channel has its own coefficients.</summary>
    public bool PerChannel { get; }

    /// <summary>The x² coefficients, one per channel or one.</summary>
    public Parameter A => _a;

    /// <summary>The x coefficients.</summary>
    public Parameter B => _b;

    /// <summary>The constant terms.</summary>
    public Parameter C => _c;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [_a, _b, _c];

    /// <summary>The magnitude beyond which training penalises pre-activations (the trainer sets it from its options).</summary>
    public double Bound { get; set; } = 4.0;

    /// <summary>The penalty weight λ; 0 (the default until the trainer sets it) disables the penalty.</summary>
    public double BoundPenalty { get; set; }

    /// <summary>The penalty of the last training-mode forward pass (already included in the gradients).</summary>
    public double LastPenalty { get; private set; }

    /// <summary>Whether forward passes record <see cref="MaxAbsInput"/>.</summary>
    public bool TrackInputRange { get; set; }

    /// <summary>The largest |x| seen by forward passes while <see cref="TrackInputRange"/> was set.</summary>
    public double MaxAbsInput { get; set; }

    /// <summary>Sets the coefficients that <see cref="Initialize"/> assigns.</summary>
    /// <param name="a">Initial x² coefficient.</param>
    /// <param name="b">Initial x coefficient.</param>
    /// <param name="c">Initial constant.</param>
    public void SetInitialCoefficients(double a, double b, double c)
    {
        (_initialA, _initialB, _initialC) = (a, b, c);
        Initialize(new DeterministicRandom(0));
    }

    /// <inheritdoc />
    public override void Initialize(DeterministicRandom random)
    {
        Array.Fill(_a.Value, _initialA);
        Array.Fill(_b.Value, _initialB);
        Array.Fill(_c.Value, _initialC);
    }

    /// <inheritdoc />
    protected override void ForwardCore(ReadOnlyMemory<double> input, Memory<double> output, int batch, bool training)
    {
        int size = InputShape.Size;
        Parallelism.For(batch, s =>
        {
            var x = input.Span.Slice(s * size, size);
            var y = output.Span.Slice(s * size, size);
            for (int i = 0; i < size; i++)
            {
                int k = Coefficient(i);
                y[i] = (((_a.Value[k] * x[i]) + _b.Value[k]) * x[i]) + _c.Value[k];
            }
        });

        var all = input.Span[..(batch * size)];
        if (TrackInputRange)
        {
            foreach (double v in all)
            {
                MaxAbsInput = Math.Max(MaxAbsInput, Math.Abs(v));
            }
        }

        if (training)
        {
            double penalty = 0;
            foreach (double v in all)
            {
                double excess = Math.Max(0, Math.Abs(v) - Bound);
                penalty += excess * excess;
            }

            LastPenalty = BoundPenalty * penalty / batch;
        }
    }

    /// <inheritdoc />
    protected override void BackwardCore(ReadOnlyMemory<double> input, ReadOnlyMemory<double> outputGradient, Memory<double> inputGradient, int batch)
    {
        int size = InputShape.Size, spatial = InputShape.Spatial;
        int perCoefficient = PerChannel ? spatial : size;
        Parallelism.For(_a.Value.Length, k =>
        {
            double da = 0, db = 0, dc = 0;
            for (int s = 0; s < batch; s++)
            {
                int offset = (s * size) + (k * perCoefficient);
                var x = input.Span.Slice(offset, perCoefficient);
                var g = outputGradient.Span.Slice(offset, perCoefficient);
                for (int i = 0; i < perCoefficient; i++)
                {
                    da += g[i] * x[i] * x[i];
                    db += g[i] * x[i];
                    dc += g[i];
                }
            }

            _a.Gradient[k] = da;
            _b.Gradient[k] = db;
            _c.Gradient[k] = dc;
        });

        if (inputGradient.IsEmpty)
        {
            return;
        }

        double penaltyScale = 2 * BoundPenalty / batch;
        Parallelism.For(batch, s =>
        {
            var x = input.Span.Slice(s * size, size);
            var g = outputGradient.Span.Slice(s * size, size);
            var dx = inputGradient.Span.Slice(s * size, size);
            for (int i = 0; i < size; i++)
            {
                int k = Coefficient(i);
                double excess = Math.Max(0, Math.Abs(x[i]) - Bound);
                dx[i] = (g[i] * ((2 * _a.Value[k] * x[i]) + _b.Value[k])) + (penaltyScale * excess * Math.Sign(x[i]));
            }
        });
    }

    private int Coefficient(int index) => PerChannel ? index / InputShape.Spatial : 0;
}
