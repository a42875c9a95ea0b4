namespace IcedServerless.Model.Layers;

/// <summary>
/// Batch normalisation per channel: <c>y = gamma · (x − mean) / sqrt(var + epsilon) + beta</c>, with batch statistics
/// in training mode and running statistics otherwise. It exists only for training: export folds it into the
/// preceding convolution or dense layer, so an encrypted network never normalises.
/// </summary>
public sealed class BatchNorm : Layer
{
    private readonly Parameter _gamma;
    private readonly Parameter _beta;
    private readonly double[] _runningMean;
    private readonly double[] _runningVar;
    private double[] _normalized = [];
    private double[] _invStd = [];

    /// <summary>Creates the layer with gamma = 1, beta = 0, running mean 0 and running variance 1.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="shape">The input (and output) shape; statistics are per channel.</param>
    /// <param name="momentum">Weight of the newest batch in the running statistics.</param>
    /// <param name="epsilon">Added to the variance for stability.</param>
    public BatchNorm(string name, TensorShape shape, double momentum = 0.1, double epsilon = 1e-5)
        : base(name, shape, shape)
    {
        if (momentum is <= 0 or > 1 || !(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), "Momentum must lie in (0, 1] and epsilon be positive.");
        }

        Momentum = momentum;
        Epsilon = epsilon;
        _gamma = new Parameter("gamma", [shape.Channels], weightDecay: false);
        _beta = new Parameter("beta", [shape.Channels], weightDecay: false);
        _runningMean = new double[shape.Channels];
        _runningVar = new double[shape.Channels];
        Reset();
    }

    /// <inheritdoc />
    public override LayerKind Kind => LayerKind.BatchNorm;

    /// <summary>Weight of the newest batch in the running statistics.</summary>
    public double Momentum { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public double Epsilon { get; }

    /// <summary>Scale per channel.</summary>
    public Parameter Gamma => _gamma;

    /// <summary>Shift per channel.</summary>
    public Parameter Beta => _beta;

    /// <summary>Running mean per channel (used outside training and when folding).</summary>
    public double[] RunningMean => _runningMean;

    /// <summary>Running (unbiased) variance per channel (used outside training and when folding).</summary>
    public double[] RunningVariance => _runningVar;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [_gamma, _beta];

    /// <inheritdoc />
    public override IReadOnlyList<double[]> State => [_runningMean, _runningVar];

    /// <inheritdoc />
    public override void Initialize(DeterministicRandom random) => Reset();

    /// <inheritdoc />
    protected override void ForwardCore(ReadOnlyMemory<double> input, Memory<double> output, int batch, bool training)
    {
        int spatial = InputShape.Spatial, size = InputShape.Size;
        if (!training)
        {
            Parallelism.For(InputShape.Channels, ch =>
            {
                double scale = _gamma.Value[ch] / Math.Sqrt(_runningVar[ch] + Epsilon);
                double shift = _beta.Value[ch] - (_runningMean[ch] * scale);
                for (int s = 0; s < batch; s++)
                {
                    var x = input.Span.Slice((s * size) + (ch * spatial), spatial);
                    var y = output.Span.Slice((s * size) + (ch * spatial), spatial);
                    for (int p = 0; p < spatial; p++)
                    {
                        y[p] = (x[p] * scale) + shift;
                    }
                }
            });
            return;
        }

        if (_normalized.Length < batch * size)
        {
            _normalized = new double[batch * size];
        }

        double count = (double)batch * spatial;
        Parallelism.For(InputShape.Channels, ch =>
        {
            double sum = 0;
            for (int s = 0; s < batch; s++)
            {
                foreach (double v in input.Span.Slice((s * size) + (ch * spatial), spatial))
                {
                    sum += v;
                }
            }

            double mean = sum / count, squares = 0;
            for (int s = 0; s < batch; s++)
            {
                foreach (double v in input.Span.Slice((s * size) + (ch * spatial), spatial))
                {
                    squares += (v - mean) * (v - mean);
                }
            }

            double variance = squares / count, invStd = 1.0 / Math.Sqrt(variance + Epsilon);
            _invStd[ch] = invStd;
            for (int s = 0; s < batch; s++)
            {
                int offset = (s * size) + (ch * spatial);
                var x = input.Span.Slice(offset, spatial);
                var xhat = _normalized.AsSpan(offset, spatial);
                var y = output.Span.Slice(offset, spatial);
                for (int p = 0; p < spatial; p++)
                {
                    xhat[p] = (x[p] - mean) * invStd;
                    y[p] = (_gamma.Value[ch] * xhat[p]) + _beta.Value[ch];
                }
            }

            double unbiased = count > 1 ? squares / (count - 1) : variance;
            _runningMean[ch] = ((1 - Momentum) * _runningMean[ch]) + (Momentum * mean);
            _runningVar[ch] = ((1 - Momentum) * _runningVar[ch]) + (Momentum * unbiased);
        });
    }

    /// <inheritdoc />
    protected override void BackwardCore(ReadOnlyMemory<double> input, ReadOnlyMemory<double> outputGradient, Memory<double> inputGradient, int batch)
    {
        int spatial = InputShape.Spatial, size = InputShape.Size;
        if (_normalized.Length < batch * size)
        {
            throw new InvalidOperationException("Backward needs a training-mode forward pass over the same batch first.");
        }

        double count = (double)batch * spatial;
        Parallelism.For(InputShape.Channels, ch =>
        {
            double sumG = 0, sumGx = 0;
            for (int s = 0; s < batch; s++)
            {
                int offset = (s * size) + (ch * spatial);
                var g = outputGradient.Span.Slice(offset, spatial);
                var xhat = _normalized.AsSpan(offset, spatial);
                for (int p = 0; p < spatial; p++)
                {
                    sumG += g[p];
                    sumGx += g[p] * xhat[p];
                }
            }

            _gamma.Gradient[ch] = sumGx;
            _beta.Gradient[ch] = sumG;
            if (inputGradient.IsEmpty)
            {
                return;
            }

            // d/dx of the normalisation, with the batch mean and variance depending on every x of the channel.
            double k = _gamma.Value[ch] * _invStd[ch] / count;
            for (int s = 0; s < batch; s++)
            {
                int offset = (s * size) + (ch * spatial);
                var g = outputGradient.Span.Slice(offset, spatial);
                var xhat = _normalized.AsSpan(offset, spatial);
                var dx = inputGradient.Span.Slice(offset, spatial);
                for (int p = 0; p < spatial; p++)
                {
                    dx[p] = k * ((count * g[p]) - sumG - (xhat[p] * sumGx));
                }
            }
        });
    }

    private void Reset()
    {
        Array.Fill(_gamma.Value, 1.0);
        Array.Clear(_beta.Value);
        Array.Clear(_runningMean);
        Array.Fill(_runningVar, 1.0);
        _invStd = new double[InputShape.Channels];
    }
}
