namespace IcedServerless.Model.Layers;

/// <summary>
/// A chain of layers evaluated batch by batch. It owns the activation and gradient buffers (grown on demand and
/// reused, so training allocates nothing per batch) and is therefore not thread-safe.
/// </summary>
public sealed class Sequential
{
    private readonly Layer[] _layers;
    private double[][] _activations = [];
    private double[][] _gradients = [];
    private int _capacity;
    private ReadOnlyMemory<double> _lastInput;
    private int _lastTrainingBatch;

    /// <summary>Creates the network, checking that each layer's input shape is the previous output shape.</summary>
    /// <param name="inputShape">The per-sample input shape.</param>
    /// <param name="layers">The layers in evaluation order.</param>
    /// <exception cref="ArgumentException">The chain is empty, shapes do not connect, or names repeat.</exception>
    public Sequential(TensorShape inputShape, IEnumerable<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers];
        if (_layers.Length == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var shape = inputShape;
        foreach (var layer in _layers)
        {
            if (layer.InputShape != shape)
            {
                throw new ArgumentException($"Layer '{layer.Name}' expects input {layer.InputShape} but receives {shape}.", nameof(layers));
            }

            if (!names.Add(layer.Name))
            {
                throw new ArgumentException($"The layer name '{layer.Name}' is used twice.", nameof(layers));
            }

            shape = layer.OutputShape;
        }

        InputShape = inputShape;
        OutputShape = shape;
    }

    /// <summary>The per-sample input shape.</summary>
    public TensorShape InputShape { get; }

    /// <summary>The per-sample output shape (the logits).</summary>
    public TensorShape OutputShape { get; }

    /// <summary>The layers in evaluation order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Every trainable tensor, layer by layer.</summary>
    public IEnumerable<Parameter> Parameters => _layers.SelectMany(l => l.Parameters);

    /// <summary>Multiply-accumulates per sample in the linear layers.</summary>
    public long MultiplyAccumulates => _layers.Sum(l => l.MultiplyAccumulates);

    /// <summary>
    /// The multiplicative depth of an encrypted evaluation that holds one value per slot: each maximal run of
    /// linear layers (convolution, dense, pooling; flatten and batch-norm are free, as batch-norm folds into the
    /// layer before it) costs one level, since consecutive linear maps compose into one, and each polynomial
    /// activation costs one level for its square.
    /// </summary>
    public int MultiplicativeDepth
    {
        get
        {
            int depth = 0;
            bool inLinearRun = false;
            foreach (var layer in _layers)
            {
                switch (layer.Kind)
                {
                    case LayerKind.PolyActivation:
                        depth++;
                        inLinearRun = false;
                        break;
                    case LayerKind.Conv2d or LayerKind.Dense or LayerKind.AvgPool2d when !inLinearRun:
                        depth++;
                        inLinearRun = true;
                        break;
                }
            }

            return depth;
        }
    }

    /// <summary>Initialises every layer from <paramref name="random"/>, in layer order.</summary>
    /// <param name="random">The source of randomness.</param>
    public void Initialize(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        foreach (var layer in _layers)
        {
            layer.Initialize(random);
        }
    }

    /// <summary>Evaluates <paramref name="batch"/> samples and returns the logits.</summary>
    /// <param name="input">At least <c>batch × InputShape.Size</c> values; kept for the backward pass.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="training">Training mode (batch statistics; remembers what backward needs).</param>
    /// <returns>The <c>batch × OutputShape.Size</c> logits, valid until the next call.</returns>
    public ReadOnlyMemory<double> Forward(ReadOnlyMemory<double> input, int batch, bool training)
    {
        EnsureCapacity(batch);
        var current = input;
        for (int i = 0; i < _layers.Length; i++)
        {
            var output = _activations[i].AsMemory(0, batch * _layers[i].OutputShape.Size);
            _layers[i].Forward(current, output, batch, training);
            current = output;
        }

        _lastInput = input;
        _lastTrainingBatch = training ? batch : 0;
        return current;
    }

    /// <summary>
    /// Back-propagates the loss gradient of the logits of the last (training-mode) forward pass, leaving every
    /// parameter's gradient in <see cref="Parameter.Gradient"/>.
    /// </summary>
    /// <param name="logitGradient">The gradient with respect to the logits, <c>batch × OutputShape.Size</c>.</param>
    /// <param name="batch">The batch size of the last forward pass.</param>
    /// <exception cref="InvalidOperationException">The last forward pass was not a training pass of this batch size.</exception>
    public void Backward(ReadOnlyMemory<double> logitGradient, int batch)
    {
        if (batch != _lastTrainingBatch)
        {
            throw new InvalidOperationException("Backward needs a training-mode forward pass of the same batch first.");
        }

        var gradient = logitGradient;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            var input = i == 0 ? _lastInput : _activations[i - 1].AsMemory(0, batch * _layers[i].InputShape.Size);
            var inputGradient = i == 0 ? Memory<double>.Empty : _gradients[i - 1].AsMemory(0, batch * _layers[i].InputShape.Size);
            _layers[i].Backward(input, gradient, inputGradient, batch);
            gradient = inputGradient;
        }
    }

    private void EnsureCapacity(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        if (batch <= _capacity)
        {
            return;
        }

        _activations = [.. _layers.Select(l => new double[batch * l.OutputShape.Size])];
        _gradients = [.. _layers.Select(l => new double[batch * l.OutputShape.Size])];
        _capacity = batch;
    }
}
